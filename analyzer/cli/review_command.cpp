// `analyzer review`: decide on the automatic mentions of one theme, one at a
// time, in a terminal loop. Only I/O here: the queue and what each key
// does are coding/review_session.hpp, the screens print/review_printers.hpp.
//
// Input: on a terminal, single keys in raw mode (no Enter; the terminal is
// restored on every way out: q, the end of the queue, end of input, an
// exception, Ctrl-C, SIGTERM, SIGHUP, and while stopped by Ctrl-Z; after
// fg raw mode is set again and the screen drawn again, as Ctrl-L does);
// otherwise one key per line (so a review can be scripted), a memo's text
// on the line after its "m". A line
// (a key, or a memo) holds at most kMaxMemoBytes; a longer one is refused.
// After the last mention the loop waits for q, so that the last decision can
// still get a memo or be undone.
// A decision the store cannot take (locked, disk full) stops the review
// (exit 3); so does, without a terminal, a line the loop cannot act on
// (exit 1): the keys after it were meant for other mentions.
// Exit status: 0 (q or the end of input), 1 or 3 as above, 130 after
// Ctrl-C, 128 + the signal after SIGTERM or SIGHUP; every decision made
// stays stored.

#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <iostream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/coding_context.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/index_start.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/cli/record_filter_args.hpp"
#include "analyzer/coding/review_session.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/mask/personal_data.hpp"
#include "analyzer/print/review_printers.hpp"
#include "analyzer/print/terminal_text.hpp"

namespace analyzer::cli {
namespace {

// ---- the terminal and the signals ------------------------------------------

volatile std::sig_atomic_t g_signal = 0;
// The terminal's settings before raw mode and in raw mode, for the signal
// handlers; g_raw is set only while raw mode is on.
termios g_saved_terminal{};
termios g_raw_terminal{};
volatile std::sig_atomic_t g_raw = 0;
// Set when the process goes on after a stop (Ctrl-Z, then fg): the screen
// is drawn again.
volatile std::sig_atomic_t g_resumed = 0;

extern "C" void on_signal(int sig) {
  g_signal = sig;
  if (g_raw) tcsetattr(STDIN_FILENO, TCSANOW, &g_saved_terminal);  // async-signal-safe
}

// Ctrl-Z: the terminal as it was, then stop as SIGTSTP does by default
// (the handler is put back when the process goes on). Every call here is
// async-signal-safe.
extern "C" void on_stop(int) {
  const int saved_errno = errno;
  if (g_raw) tcsetattr(STDIN_FILENO, TCSANOW, &g_saved_terminal);
  struct sigaction dfl {}, mine {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(SIGTSTP, &dfl, &mine);
  sigset_t tstp;
  sigemptyset(&tstp);
  sigaddset(&tstp, SIGTSTP);
  sigprocmask(SIG_UNBLOCK, &tstp, nullptr);
  raise(SIGTSTP);  // stops here until SIGCONT
  sigaction(SIGTSTP, &mine, nullptr);
  errno = saved_errno;
}

// Going on after any stop (also SIGSTOP, after which the shell may have
// reset the terminal): raw mode again, and the screen drawn again.
extern "C" void on_continue(int) {
  const int saved_errno = errno;
  if (g_raw) tcsetattr(STDIN_FILENO, TCSANOW, &g_raw_terminal);
  g_resumed = 1;
  errno = saved_errno;
}

// Installs on_signal for SIGINT, SIGTERM and SIGHUP (without SA_RESTART, so
// a waiting read returns), on_stop for SIGTSTP and on_continue for SIGCONT,
// and puts the old handlers back on destruction.
class SignalGuard {
 public:
  SignalGuard() {
    for (std::size_t i = 0; i < kSignals.size(); ++i) {
      struct sigaction sa {};
      sa.sa_handler = kSignals[i] == SIGTSTP ? on_stop : kSignals[i] == SIGCONT ? on_continue : on_signal;
      sigemptyset(&sa.sa_mask);
      sigaction(kSignals[i], &sa, &old_[i]);
    }
  }
  ~SignalGuard() {
    for (std::size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], &old_[i], nullptr);
  }
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;

 private:
  static constexpr std::array<int, 5> kSignals{SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT};
  std::array<struct sigaction, 5> old_{};
};

// The key that draws the screen again: Ctrl-L, as in other terminal
// programs; also what key() gives after the process went on from a stop.
constexpr char kRedraw = '\f';

// Standard input: single keys in raw mode on a terminal, else lines.
class ReviewInput {
 public:
  ReviewInput() : tty_(isatty(STDIN_FILENO) != 0) {
    if (tty_ && tcgetattr(STDIN_FILENO, &g_saved_terminal) == 0) {
      can_restore_ = true;
      raw();
    }
  }
  ~ReviewInput() { cooked(); }
  ReviewInput(const ReviewInput&) = delete;
  ReviewInput& operator=(const ReviewInput&) = delete;

  bool tty() const { return tty_; }
  // The lines read so far (the number of the last one).
  std::size_t lines() const { return lines_; }

  // The next key, or nullopt at the end of input or on a signal. Not a
  // terminal: a line holding one character (white space around it is
  // ignored, blank lines are skipped); `problem` is set for any other line.
  // On a terminal, kRedraw after the process went on from a stop.
  std::optional<char> key(std::string& problem) {
    if (tty_) {
      for (;;) {
        std::optional<char> c = byte(/*until_resumed=*/true);
        if (!c) return std::nullopt;
        if (*c == 3 || *c == 4) return 'q';  // Ctrl-C / Ctrl-D should ISIG be off
        if (*c == '\n' || *c == '\r' || *c == ' ') continue;
        return c;
      }
    }
    for (;;) {
      std::optional<std::string> l = line(problem);
      if (!l) return std::nullopt;
      if (!problem.empty()) return '\0';
      const std::size_t b = l->find_first_not_of(" \t\r"), e = l->find_last_not_of(" \t\r");
      if (b == std::string::npos) continue;
      if (e != b) {
        problem = "one key per line, not \"" + l->substr(b, e + 1 - b) + "\"";
        return '\0';
      }
      return (*l)[b];
    }
  }

  // One line of text (the line end not included), read with echo on a
  // terminal; nullopt at the end of input or on a signal. A line longer
  // than kMaxMemoBytes is read to its end and refused in `problem`.
  std::optional<std::string> line(std::string& problem) {
    cooked();
    std::string text;
    bool too_long = false;
    std::optional<char> c;
    while ((c = byte()) && *c != '\n') {
      if (text.size() < kMaxMemoBytes) text += *c;
      else too_long = true;
    }
    raw();
    if (g_signal || (!c && text.empty())) return std::nullopt;
    ++lines_;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (too_long) problem = "a line holds at most " + std::to_string(kMaxMemoBytes) + " bytes; this one was refused";
    return text;
  }

 private:
  // One byte of standard input; nullopt at its end, on a read error or
  // when a signal came; kRedraw when `until_resumed` and the process went
  // on from a stop (otherwise that is ignored). Waits in poll() with a
  // timeout, so a signal that arrives between two reads is still seen.
  std::optional<char> byte(bool until_resumed = false) {
    for (;;) {
      if (g_signal) return std::nullopt;
      if (g_resumed) {
        g_resumed = 0;
        if (until_resumed) return kRedraw;
      }
      pollfd p{STDIN_FILENO, POLLIN, 0};
      const int ready = poll(&p, 1, 250);
      if (ready < 0 && errno != EINTR) return std::nullopt;
      if (ready <= 0) continue;
      char c = 0;
      const ssize_t n = read(STDIN_FILENO, &c, 1);
      if (n == 1) return c;
      if (n < 0 && errno == EINTR) continue;
      return std::nullopt;
    }
  }
  void raw() {
    if (!can_restore_) return;
    termios t = g_saved_terminal;
    t.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);  // ISIG stays: Ctrl-C is SIGINT
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    g_raw_terminal = t;
    tcsetattr(STDIN_FILENO, TCSANOW, &t);
    g_raw = 1;
  }
  void cooked() {
    if (!can_restore_) return;
    g_raw = 0;
    tcsetattr(STDIN_FILENO, TCSANOW, &g_saved_terminal);
  }

  bool tty_;
  bool can_restore_ = false;
  std::size_t lines_ = 0;
};

// ---- the command ------------------------------------------------------------

constexpr const char* kReviewIntro = R"(Usage: analyzer review --theme T [filters] [OPTIONS]

Goes through the mentions of theme T that you (--coder) have not decided on
yet, in source order, one at a time: the progress, the source and where in it
("sida 14", "rad 7, kolumn F"), respondent, year, question, and the sentence
holding the mention, marked, with a little context, personal data masked.
Mentions that other coders decided on are shown all the same. Every decision
is stored the moment it is made (one transaction), so the review can be left
at any moment, Ctrl-C included; the next review goes on where this one ended.
After the last mention it waits for q: m and u still act on the last decision.
Ctrl-Z gives the shell its terminal back; fg goes on where you were.

Keys (on a terminal one key press, no Enter; otherwise one key per line, a
memo's text on the line after its m, so a review can be scripted):
)";

constexpr const char* kReviewOutro = R"(
At the end: how many were accepted, rejected, skipped and undone, the memos
written, and how many mentions remain.

Without a terminal, the review stops at the first line it cannot act on (a
line of more than one key, an unknown key, a refused decision or memo), so
that the keys after it are not applied to other mentions.

Exit status: 0 done (q or the end of the input), 1 a scripted review
stopped at a line it could not act on, 2 usage error, 3 the index or the
coding store could not be used (also when a decision could not be stored:
the review stops), 130 after Ctrl-C (and 128 + the signal after SIGTERM or
SIGHUP); decisions made stay stored.
)";

const CommandSpec& review_spec() {
  static const std::string intro = std::string(kReviewIntro) + kReviewKeysHelp + "\nOptions:\n";
  static const CommandSpec spec{
      "review",
      std::vector<OptionSpec>{
          text_option("--theme", "  --theme T             the theme, by id or label (e.g. sip, \"trygg hemgång\");\n"
                                 "                        required\n")} +
          record_filter_options() + std::vector<OptionSpec>{lexicons_option()} + store_options(),
      intro, kReviewOutro};
  return spec;
}

// Why a review stopped before q, the end of its input or a signal: the
// store could not be written (any input), or a scripted review met a line
// it could not act on (the keys after it were meant for other mentions).
struct ReviewStop {
  std::string problem;
  bool store_unusable = false;
};

// Runs the loop until q, the end of input, a signal or a ReviewStop.
std::optional<ReviewStop> review_loop(coding::ReviewSession& session, ReviewInput& input, const Lexicon& theme,
                                      std::ostream& out) {
  // A scripted review stops at the first line it cannot act on: going on
  // would apply the next keys to the wrong mentions.
  auto stop_script = [&](const std::string& problem) {
    return ReviewStop{"line " + std::to_string(input.lines()) + " of the input: " + problem, false};
  };
  std::string note, last_note;
  std::size_t shown = 0;  // the number last printed (lines: printed again only when it changes)
  // Clear the screen and mark in reverse video only when both ends are the
  // terminal: `analyzer review > log` gets «» and no escape sequences.
  const bool screen = input.tty() && isatty(STDOUT_FILENO);
  // Past the last mention the loop goes on until q (or the end of input),
  // so that the last decision can still get a memo or be undone.
  while (!session.quit()) {
    if (input.tty() || session.number() != shown) {
      if (const coding::ReviewItem* item = session.current())
        print_review_item(*item, session.number(), session.size(), theme.id, theme.label, screen, out);
      else
        out << (screen ? "\x1b[H\x1b[2J" : "") << "all " << session.size()
            << " mentions gone through: m writes a memo on your last decision, u undoes it, q ends the review\n";
    }
    shown = session.number();
    if (!note.empty()) out << terminal_text(note) << '\n';
    last_note = note;
    note.clear();
    print_review_prompt(session.memo_target_text(), out);
    out.flush();
    std::string problem;
    std::optional<char> c = input.key(problem);
    if (!c) break;
    if (*c == kRedraw && input.tty()) {
      note.swap(last_note);  // the screen again (a terminal redraws each turn), with its note
      continue;
    }
    if (!input.tty()) out << '\n';
    if (!problem.empty()) {
      if (!input.tty()) return stop_script(problem);
      note = problem + " (press ? for the keys)";
      continue;
    }
    std::optional<coding::ReviewKey> key = coding::review_key(*c);
    if (!key) {
      if (!input.tty()) return stop_script(std::string("unknown key \"") + *c + "\"");
      note = std::string("unknown key \"") + *c + "\" (press ? for the keys)";
      continue;
    }
    if (*key == coding::ReviewKey::Help) {
      out << (input.tty() ? "\n" : "") << kReviewKeysHelp;
      if (input.tty()) {  // keep the help on screen until the next key
        out << "(any key) ";
        out.flush();
        std::string ignored;
        if (!input.key(ignored)) break;
      }
      continue;
    }
    coding::ReviewStep step;
    if (*key == coding::ReviewKey::Memo) {
      out << (input.tty() ? "\n" : "") << "memo on " << terminal_text(session.memo_target_text()) << ": ";
      out.flush();
      std::optional<std::string> text = input.line(problem);
      if (!text) break;
      if (!input.tty()) out << '\n';
      if (!problem.empty()) {
        if (!input.tty()) return stop_script("no memo written: " + problem);
        note = "no memo written: " + problem;
        continue;
      }
      if (Status s = check_utf8("the memo", *text); !s.ok()) {
        if (!input.tty()) return stop_script("no memo written: " + s.error().render());
        note = "no memo written: " + s.error().render();
        continue;
      }
      step = session.memo(*text);
    } else {
      step = session.press(*key);
    }
    note = step.message;
    if (step.error) {
      if (coding::store_unusable(*step.error)) return ReviewStop{step.message + ": " + step.error->render(), true};
      if (!input.tty()) return stop_script(step.message + ": " + step.error->render());
      note += ": " + step.error->render();
    }
  }
  if (input.tty()) out << '\n';
  if (!note.empty()) out << terminal_text(note) << '\n';
  return std::nullopt;
}

}  // namespace

int run_review(int argc, char** argv) {
  const std::string command = "review";
  CommandStart start = parse_command(review_spec(), argc, argv, 2);
  if (!start.args) return start.exit;
  const CliArgs& args = *start.args;
  if (!args.positional.empty())
    return usage_error(
        usage_problem("`analyzer review` takes no arguments, got \"" + args.positional.front() + "\"", command));
  if (!args.option("--theme")) return usage_error(usage_problem("review needs --theme T", command));
  Result<RecordFilter> filter = parse_record_filter(args);
  if (!filter.ok()) return usage_error(filter.error());
  Result<std::string> coder = coder_of(args, command);
  if (!coder.ok()) return usage_error(coder.error());
  std::optional<LexiconMatcher> lexicons = ready_lexicons(args, argv[0]);
  if (!lexicons) return kExitCannotRun;
  Result<const Lexicon*> theme = find_theme_option(*lexicons, *args.option("--theme"));
  if (!theme.ok()) return usage_error(theme.error());

  int exit = kExitOk;
  std::unique_ptr<IndexReader> reader = open_filtered_index({index_dir(args)}, filter.value(), exit);
  if (!reader) return exit;
  const IndexView view = view_of(*reader);
  std::unique_ptr<coding::CodingStore> store = open_store(args);
  if (!store) return kExitCannotRun;
  if (Status s = sync_codings(*store, view); !s.ok()) return store_failure(s.error());
  coding::CodingFilter mine;
  mine.coder = coder.value();
  auto codings = store->codings(mine);
  if (!codings.ok()) return store_failure(codings.error());
  RecordFilter wanted = filter.value();
  wanted.theme = theme.value()->id;
  PersonalDataMasker masker(view.contact_names);
  coding::ReviewQueue queue = coding::build_review_queue(reader->answers(wanted), theme.value()->id, codings.value(),
                                                         coder.value(), view.sha256, masker);
  if (queue.unplaced)
    std::cerr << "analyzer: " << queue.unplaced
              << " mentions have no place in their answer's text (the index was made by an older analyzer) and "
                 "are left out; run `analyzer ingest` again\n";
  if (queue.items.empty()) {
    std::cout << "nothing to review: no mention of " << terminal_text(theme.value()->id) << " is left undecided by "
              << terminal_text(coder.value()) << " (" << queue.decided << " decided already)\n";
    return kExitOk;
  }

  coding::ReviewSession session(std::move(queue.items), *store, coder.value());
  g_signal = 0;
  std::optional<ReviewStop> stop;
  {
    SignalGuard signals;
    ReviewInput input;
    stop = review_loop(session, input, *theme.value(), std::cout);
  }  // the terminal and the signal handlers are as they were
  print_review_summary(session.summary(), coder.value(), std::cout);
  if (stop) {
    std::cerr << "analyzer: the review stopped: " << terminal_text(stop->problem)
              << "\nanalyzer: no key after it was applied; every decision before it is stored\n";
    return stop->store_unusable ? kExitCannotRun : kExitInputFailed;
  }
  if (g_signal) return 128 + g_signal;
  return kExitOk;
}

}  // namespace analyzer::cli
