# Turns the Debian 12 packages into imported targets, once.
#   ICU::uc, ICU::i18n        libicu-dev 72
#   PkgConfig::RE2            libre2-dev (only re2.pc is shipped)
#   analyzer::xapian          libxapian-dev 1.4 (its config sets variables only)
#   nlohmann_json::nlohmann_json
#   Catch2::Catch2WithMain    catch2 2.13 (tests only)
#   PkgConfig::LIBZIP         libzip-dev 1.7 (DOCX, XLSX: ZIP containers)
#   PkgConfig::PUGIXML        libpugixml-dev 1.13 (DOCX, XLSX: their XML parts)
#   PkgConfig::POPPLER_CPP    libpoppler-cpp-dev 22.12 (PDF)
#   PkgConfig::XLSXWRITER     libxlsxwriter-dev 1.1 (print/: `--format xlsx`)
#   PkgConfig::POPPLER        libpoppler-private-dev 22.12 (PDF: poppler's own
#                             TextOutputDev, read/pdf_reader.cpp; its headers are
#                             poppler's internal API, so the package must be the
#                             same release as libpoppler-cpp-dev)
#   PkgConfig::SQLITE3        libsqlite3-dev 3.40 (coding/: the analysts' coding store)
# A missing package stops configuration with the name of the Debian package
# to install; analyzer/tools/setup installs all of them.

find_package(ICU 70 COMPONENTS uc i18n)
if(NOT ICU_FOUND)
  message(FATAL_ERROR "ICU not found: run analyzer/tools/setup (installs libicu-dev)")
endif()

find_package(PkgConfig REQUIRED)
pkg_check_modules(RE2 IMPORTED_TARGET re2)
if(NOT RE2_FOUND)
  message(FATAL_ERROR "RE2 not found: run analyzer/tools/setup (installs libre2-dev)")
endif()

# The document formats of read/ and the coding store of coding/: each a
# pkg-config module in Debian 12.
foreach(module_and_package "LIBZIP libzip libzip-dev" "PUGIXML pugixml libpugixml-dev"
                           "POPPLER_CPP poppler-cpp libpoppler-cpp-dev" "POPPLER poppler libpoppler-private-dev"
                           "SQLITE3 sqlite3 libsqlite3-dev" "LIBXML2 libxml-2.0 libxml2-dev")
  separate_arguments(parts UNIX_COMMAND "${module_and_package}")
  list(GET parts 0 prefix)
  list(GET parts 1 module)
  list(GET parts 2 package)
  pkg_check_modules(${prefix} IMPORTED_TARGET ${module})
  if(NOT ${prefix}_FOUND)
    message(FATAL_ERROR "${module} not found: run analyzer/tools/setup (installs ${package})")
  endif()
endforeach()

# The Excel printer (print/xlsx_writer.cpp): xlsxwriter.pc.
pkg_check_modules(XLSXWRITER IMPORTED_TARGET xlsxwriter)
if(NOT XLSXWRITER_FOUND)
  message(FATAL_ERROR "xlsxwriter not found: run analyzer/tools/setup (installs libxlsxwriter-dev)")
endif()

# poppler.pc comes with libpoppler-dev; the headers with libpoppler-private-dev.
find_path(POPPLER_TEXT_OUTPUT_HEADER TextOutputDev.h HINTS ${POPPLER_INCLUDE_DIRS} NO_DEFAULT_PATH)
if(NOT POPPLER_TEXT_OUTPUT_HEADER)
  message(FATAL_ERROR "poppler's TextOutputDev.h not found: run analyzer/tools/setup (installs libpoppler-private-dev)")
endif()
if(NOT POPPLER_VERSION STREQUAL POPPLER_CPP_VERSION)
  message(FATAL_ERROR "poppler ${POPPLER_VERSION} and poppler-cpp ${POPPLER_CPP_VERSION} differ: install one release of "
                      "libpoppler-private-dev and libpoppler-cpp-dev")
endif()

find_package(xapian CONFIG)
if(NOT xapian_FOUND)
  message(FATAL_ERROR "Xapian not found: run analyzer/tools/setup (installs libxapian-dev)")
endif()
if(NOT TARGET analyzer::xapian)
  add_library(analyzer::xapian INTERFACE IMPORTED)
  set_target_properties(analyzer::xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()

find_package(nlohmann_json 3.10)
if(NOT nlohmann_json_FOUND)
  message(FATAL_ERROR "nlohmann/json not found: run analyzer/tools/setup (installs nlohmann-json3-dev)")
endif()

find_package(Threads REQUIRED)

if(ANALYZER_BUILD_TESTS)
  find_package(Catch2 2 QUIET)
  if(NOT Catch2_FOUND)
    message(FATAL_ERROR "Catch2 not found: run analyzer/tools/setup (installs catch2)")
  endif()
endif()
