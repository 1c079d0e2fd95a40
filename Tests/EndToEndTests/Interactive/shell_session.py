#!/usr/bin/env python3
"""Drives the real `casesim` shell in a pseudo-terminal and checks what only a terminal shows:
GNU readline's Tab completion, Ctrl-C, Ctrl-D, history kept across runs, and colour.

Usage: shell_session.py CASESIM_BINARY LIBRARY_DIR

LIBRARY_DIR is the folder holding Scenarios/ and Guides/ (the repository root). Each run uses a
fresh temporary XDG_DATA_HOME and XDG_STATE_HOME, so the record store and the line history
start empty and nothing outside the temporary folder is touched.

Exits 0 and prints `pty: N checks passed` when every check passes. On the first failure it
prints what was expected and the last 2000 characters of terminal output, and exits 1.

Needs pexpect (`python3 -m pip install pexpect`); exits 2 with that advice if it is missing.
"""

import io
import os
import re
import shutil
import signal
import sys
import tempfile

try:
    import pexpect
except ImportError:
    print("pty: FAIL: the Python module pexpect is missing; install it with "
          "`python3 -m pip install pexpect` (or the python3-pexpect package)")
    sys.exit(2)

# Seconds for each expect: generous, because two busy cores can stall a process for seconds. A
# wrong screen does not wait this long: every expect also watches for WRONG_SCREENS and fails at
# once when one of them appears instead of what it waits for.
TIMEOUT = 60
# Text that means the shell did not understand what the script typed, or could not do it.
WRONG_SCREENS = [
    "is not a command",
    "Choose a number from",
    "casesim: error:",
    "Could not save",
    "No scenario '",
    "The session stopped:",
]
# The terminal's size: 100x40 unless the command line gives another (80x24, 140x45...).
ROWS, COLUMNS = 40, 100

LIBRARY_PROMPT = "casesim> "
CONTENT_NOTE_PROMPT = "Press Enter to begin, or type 'back' to return: "
# The play prompt "> " must not match the end of "casesim> " or "because> ": it starts a line,
# or follows readline's bracketed-paste switch (ESC[?2004h), which readline writes before it.
PLAY_PROMPT = r"(?:^|[\r\n]|\x1b\[\?2004h)> "
RATIONALE_PROMPT = "because> "
# A passage taller than the screen is held a screenful at a time (never cut short); reference text
# taller than the screen (the full debrief, the case file) is paged, with q to stop.
READ_ON = r"-- more \(\d+%\): press Enter to read on -- "
MORE = r"-- more \(\d+%\): Enter to read on, q to stop -- "
FEEDBACK_PAUSE = "Press Enter to go on ('feedback' shows this again): "
SAVE_QUESTION = "Save and quit? [Y/n] "
SAVED = re.compile(r"Saved\. Pick up where you left off with 'casesim resume ([0-9a-f]{8})'")
# An ANSI SGR (colour/style) sequence. readline's ESC[?2004h / ESC[?2004l (bracketed paste) and
# its cursor movements (ESC[C, ESC[K...) do not end in 'm' after digits, so they are not counted.
SGR = re.compile(r"\x1b\[[0-9;]*m")

SCENARIO = "duty-desk-friday"
SCENARIO_TITLE = "Duty desk, Friday 16:40"
# The start of the chosen option of the first passage (short enough never to be wrapped). Each
# session shows the options in its own order, so its number is read off the screen.
FIRST_CHOICE = "Ask Joanne to take you through it from the beginning"
# A phrase from the passage that the chosen option leads to.
NEXT_PASSAGE = "It is 16:55."
RATIONALE = "Dates, what staff saw, and Amy's own words"

UP_ARROW = "\x1b[A"
CTRL_C = "\x03"
CTRL_D = "\x04"
CTRL_U = "\x15"


class CheckFailed(Exception):
    pass


class Run:
    """One spawn of the shell, with its transcript."""

    def __init__(self, harness, label, extra_env=None):
        self.harness = harness
        self.label = label
        env = dict(harness.base_env)
        env.update(extra_env or {})
        harness.transcript.write(f"\n===== {label} =====\n")
        self.child = pexpect.spawn(
            harness.binary, ["--library", harness.library], cwd=harness.library, env=env,
            dimensions=(ROWS, COLUMNS), encoding="utf-8", codec_errors="replace",
            timeout=TIMEOUT)
        self.child.logfile_read = harness.transcript

    def expect_exact(self, text, what):
        try:
            index = self.child.expect_exact([text] + WRONG_SCREENS)
        except (pexpect.TIMEOUT, pexpect.EOF) as error:
            self.harness.fail(f"{what}: expected to see {text!r}", error)
        if index != 0:
            self.harness.fail(f"{what}: expected to see {text!r}, but the screen showed "
                              f"{WRONG_SCREENS[index - 1]!r} first")
        return self.child.before

    def expect_re(self, pattern, what):
        wrong = [re.compile(re.escape(text)) for text in WRONG_SCREENS]
        try:
            index = self.child.expect([pattern] + wrong)
        except (pexpect.TIMEOUT, pexpect.EOF) as error:
            self.harness.fail(f"{what}: expected output matching {pattern!r}", error)
        if index != 0:
            self.harness.fail(f"{what}: expected output matching {pattern!r}, but the screen "
                              f"showed {WRONG_SCREENS[index - 1]!r} first")
        return self.child.match

    def send(self, text):
        self.child.send(text)

    def sendline(self, text):
        # A terminal's Enter key sends CR.
        self.child.send(text + "\r")

    def library_prompt(self, what):
        return self.expect_exact(LIBRARY_PROMPT, what)

    def play_prompt(self, what):
        """Waits for the play prompt, reading on (Enter) through a long passage's holds; returns
        everything shown since the last expect."""
        shown = ""
        wrong = [re.compile(re.escape(text)) for text in WRONG_SCREENS]
        while True:
            try:
                index = self.child.expect([PLAY_PROMPT, READ_ON] + wrong)
            except (pexpect.TIMEOUT, pexpect.EOF) as error:
                self.harness.fail(f"{what}: expected the play prompt", error)
            shown += self.child.before
            if index == 0:
                return shown
            if index > 1:
                self.harness.fail(f"{what}: expected the play prompt, but the screen showed "
                                  f"{WRONG_SCREENS[index - 2]!r} first")
            self.send("\r")

    def expect_exit_zero(self, what):
        try:
            self.child.expect(pexpect.EOF)
        except pexpect.TIMEOUT as error:
            self.harness.fail(f"{what}: expected the program to exit", error)
        self.child.close()
        self.harness.check(
            self.child.exitstatus == 0 and self.child.signalstatus is None,
            f"{what}: expected exit status 0, got exit status {self.child.exitstatus}"
            f" and signal {self.child.signalstatus}")

    def close(self):
        if not self.child.closed:
            self.child.close(force=True)


class Harness:
    def __init__(self, binary, library):
        self.binary = os.path.abspath(binary)
        self.library = os.path.abspath(library)
        self.temporary = tempfile.mkdtemp(prefix="casesim-pty-")
        self.data_home = os.path.join(self.temporary, "data")
        self.state_home = os.path.join(self.temporary, "state")
        os.makedirs(self.data_home)
        os.makedirs(self.state_home)
        env = {
            key: value for key, value in os.environ.items()
            if not key.startswith("CASESIM_") and not key.startswith("XDG_")
            and key not in ("NO_COLOR", "COLUMNS", "LINES", "INPUTRC", "HOME", "PAGER", "LESS")
        }
        env.update({
            "TERM": "xterm-256color",
            "HOME": self.temporary,
            "XDG_DATA_HOME": self.data_home,
            "XDG_STATE_HOME": self.state_home,
            "XDG_CACHE_HOME": os.path.join(self.temporary, "cache"),
            "CASESIM_TRAINEE": "pty-tester",
            # No personal ~/.inputrc or /etc/inputrc bindings: readline's defaults only.
            "INPUTRC": "/dev/null",
        })
        self.base_env = env
        self.transcript = io.StringIO()
        self.passed = 0
        self.runs = []

    def spawn(self, label, extra_env=None):
        run = Run(self, label, extra_env)
        self.runs.append(run)
        return run

    def check(self, condition, message):
        if not condition:
            self.fail(message)
        self.passed += 1

    def fail(self, message, error=None):
        reason = ""
        if isinstance(error, pexpect.TIMEOUT):
            reason = f" (nothing matched within {TIMEOUT} s)"
        elif isinstance(error, pexpect.EOF):
            reason = " (the program ended first)"
        raise CheckFailed(message + reason)

    def cleanup(self):
        for run in self.runs:
            try:
                run.close()
            except Exception:
                pass
        shutil.rmtree(self.temporary, ignore_errors=True)


def first_run(h):
    """Welcome screen and colour, Ctrl-C, 'back' at the content note, play, Ctrl-D in play."""
    run = h.spawn("run 1: fresh store")
    welcome = run.library_prompt("the welcome screen and the library prompt")
    h.check(SCENARIO in welcome, f"the welcome screen should list {SCENARIO!r}")

    # g (first half). Colour at a terminal without NO_COLOR.
    h.check(SGR.search(welcome) is not None,
            "colour: expected at least one ANSI SGR sequence (ESC[...m) in the welcome screen "
            "at a terminal without NO_COLOR")

    # c. Ctrl-C drops the line being typed and gives a fresh prompt; the program lives on.
    run.send("delete everything")
    run.expect_exact("delete everything", "Ctrl-C: the typed text should be echoed")
    run.send(CTRL_C)
    run.library_prompt("Ctrl-C: a fresh 'casesim> ' prompt after Ctrl-C")
    h.check(run.child.isalive(), "Ctrl-C: the program should still be running after Ctrl-C")
    run.sendline("help")
    after_interrupt = run.library_prompt("Ctrl-C: 'help' after Ctrl-C should run and come back")
    h.check("resume [SESSION]" in after_interrupt,
            "Ctrl-C: 'help' typed after Ctrl-C should show the command list "
            "(the dropped text must not be prepended to it)")
    h.check("is not a command" not in after_interrupt and "delete everything" not in after_interrupt,
            "Ctrl-C: the dropped text 'delete everything' must not be executed")

    # b. 'back' at the content note returns to the library.
    run.sendline(f"play {SCENARIO}")
    note = run.expect_exact(CONTENT_NOTE_PROMPT, "play: the content note's question")
    h.check("Content note" in note, "play: the content note should be shown before play begins")
    run.sendline("back")
    back = run.library_prompt("'back' at the content note should return to the library prompt")
    h.check("Back at the library." in back, "'back' at the content note should say 'Back at the library.'")

    # d. Play: Enter, choice 1 with its rationale, the next passage, Ctrl-D, save.
    run.sendline(f"play {SCENARIO}")
    run.expect_exact(CONTENT_NOTE_PROMPT, "play: the content note's question")
    run.sendline("")
    first = run.play_prompt("play: the first passage and the '> ' prompt after Enter")
    h.check(FIRST_CHOICE in first, f"play: the first passage should offer the option {FIRST_CHOICE!r}")

    # Ctrl-C at the play prompt drops the line and keeps the session going.
    run.send("7")
    run.expect_exact("7", "play: the typed text should be echoed")
    run.send(CTRL_C)
    run.play_prompt("Ctrl-C in play: a fresh '> ' prompt")
    h.check(run.child.isalive(), "Ctrl-C in play: the program should still be running")

    shown = re.search(r"(\d+)\. " + re.escape(FIRST_CHOICE), SGR.sub("", first))
    h.check(shown is not None, f"play: the option {FIRST_CHOICE!r} should be numbered on screen")
    run.sendline(shown.group(1))
    why = run.expect_exact(RATIONALE_PROMPT, "choice 1: the rationale prompt 'because> '")
    h.check("Why? (recorded for your debrief)" in why,
            "choice 1: expected 'Why? (recorded for your debrief)' before 'because> '")
    run.sendline(RATIONALE)
    feedback = run.expect_exact(FEEDBACK_PAUSE, "after the rationale: the feedback, held until Enter")
    h.check(NEXT_PASSAGE not in feedback, "the next passage should wait until the feedback has been read")
    h.check(re.search(r"\[[a-z0-9-]+\]", SGR.sub("", feedback)) is not None,
            "the feedback should name each principle's id in brackets, for 'guidance ID'")
    run.sendline("")
    after_choice = run.play_prompt("after Enter: the next passage and '> '")
    h.check("Decision 2 of at least" in SGR.sub("", after_choice),
            "the next passage should say which decision this is ('Decision 2 of at least N')")
    h.check(NEXT_PASSAGE in after_choice,
            f"after choice 1: the next passage (containing {NEXT_PASSAGE!r}) should be shown")

    run.send(CTRL_D)
    run.expect_exact(SAVE_QUESTION, "Ctrl-D on the empty '> ' prompt should ask to save and quit")
    run.sendline("y")
    match = run.expect_re(SAVED, "answering 'y' should save and say how to resume")
    session_prefix = match.group(1)
    # Quitting play from the shell goes back to the library; Ctrl-D there leaves the program.
    run.library_prompt("after 'Saved.', the shell should come back to the library prompt")
    run.sendline("help")
    run.library_prompt("'help' at the library prompt")
    run.send(CTRL_D)
    run.expect_exact("Goodbye.", "Ctrl-D on an empty library prompt should say 'Goodbye.'")
    run.expect_exit_zero("Ctrl-D on an empty library prompt")
    return session_prefix


def second_run(h, session_prefix):
    """History kept across runs, the unfinished session offered and resumed."""
    history_file = os.path.join(h.state_home, "casesim", "history")
    h.check(os.path.isfile(history_file),
            f"history: expected the line history to be saved at {history_file}")
    with open(history_file, encoding="utf-8", errors="replace") as handle:
        lines = [line.rstrip("\n") for line in handle]
    h.check(lines and lines[-1] == "help",
            f"history: the last line of {history_file} should be 'help' (the last line typed), "
            f"found {lines[-3:]!r}")

    run = h.spawn("run 2: same XDG folders")
    welcome = run.library_prompt("the welcome screen on the second run")
    h.check("You have an unfinished session" in welcome,
            "the welcome screen should offer the unfinished session ('You have an unfinished session')")

    # e. Up arrow recalls the last line typed in the previous run.
    run.send(UP_ARROW)
    run.expect_exact("help", "history: Up arrow at the library prompt should bring back 'help' "
                             "(the last line typed in the previous run)")
    run.send("\r")
    recalled = run.library_prompt("history: Enter on the recalled line")
    h.check("resume [SESSION]" in recalled,
            "history: Enter on the recalled line should run 'help' (the command list)")

    # f. resume picks the session up, with the decision taken in run 1.
    run.sendline("resume")
    resumed = run.play_prompt("'resume' should continue the unfinished session at the '> ' prompt")
    h.check("Resuming:" in resumed and SCENARIO_TITLE in resumed,
            f"'resume' should say 'Resuming: {SCENARIO_TITLE}'")
    h.check(f"Session {session_prefix}" in resumed,
            f"'resume' should continue session {session_prefix}, the one saved in run 1")
    h.check("1 decision so far" in resumed and FIRST_CHOICE in resumed,
            f"'resume' should list the decision taken in run 1 ({FIRST_CHOICE!r})")
    h.check(NEXT_PASSAGE in resumed,
            "'resume' should show the passage the session had reached")

    run.sendline("quit")
    run.expect_re(SAVED, "'quit' in play should save")
    run.library_prompt("after quitting play, the library prompt")
    run.send(CTRL_D)
    run.expect_exact("Goodbye.", "Ctrl-D on an empty library prompt after play should say 'Goodbye.'")
    run.expect_exit_zero("Ctrl-D at the library prompt after quitting play")


def no_colour_run(h):
    """g (second half). NO_COLOR: no SGR sequence anywhere on the way."""
    run = h.spawn("run 3: NO_COLOR=1", {"NO_COLOR": "1"})
    welcome = run.library_prompt("the welcome screen with NO_COLOR=1")
    h.check("You have an unfinished session" in welcome,
            "NO_COLOR: the welcome screen should still offer the unfinished session")
    found = SGR.search(welcome)
    h.check(found is None,
            f"NO_COLOR: the welcome screen must contain no ANSI SGR sequence, found {found.group(0)!r}"
            if found else "")
    run.sendline(f"play {SCENARIO}")
    note = run.expect_exact(CONTENT_NOTE_PROMPT, "NO_COLOR: the content note")
    found = SGR.search(note)
    h.check(found is None,
            f"NO_COLOR: the content note must contain no ANSI SGR sequence, found {found.group(0)!r}"
            if found else "")
    run.sendline("back")
    run.library_prompt("NO_COLOR: 'back' at the content note")
    run.send(CTRL_D)
    run.expect_exact("Goodbye.", "NO_COLOR: Ctrl-D at the library prompt")
    run.expect_exit_zero("NO_COLOR: Ctrl-D at the library prompt")


def completion_run(h):
    """a. Tab completes commands and scenario ids; Enter on the completed line plays."""
    run = h.spawn("run 4: Tab completion")
    run.library_prompt("the welcome screen")
    run.send("pla\t")
    try:
        run.child.expect_exact("play ")
    except (pexpect.TIMEOUT, pexpect.EOF) as error:
        # Ask readline for the candidates (a second Tab lists them) to explain the failure.
        offered = ""
        if isinstance(error, pexpect.TIMEOUT):
            run.send("\t")
            try:
                run.child.expect_exact("casesim> pla")
                listing = run.child.before.replace("\x07", "").split("\n", 1)[-1]
                offered = ", ".join(listing.split())
            except (pexpect.TIMEOUT, pexpect.EOF):
                pass
        h.fail("Tab completion: 'pla' + Tab at the library prompt should complete to 'play '"
               + (f"; readline offered these candidates instead: {offered}" if offered else ""),
               error)
    h.passed += 1
    # What readline has echoed of the line so far (the prompt was consumed before).
    echoed = run.child.before + run.child.after
    run.send("duty\t")
    run.expect_exact(f"{SCENARIO} ",
                     f"Tab completion: 'play duty' + Tab should complete to 'play {SCENARIO} '")
    echoed += run.child.before + run.child.after
    echoed = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x07", "", echoed)
    h.check(echoed == f"play {SCENARIO} ",
            f"Tab completion: the echoed line should be 'play {SCENARIO} ', was {echoed!r}")
    run.send("\r")
    note = run.expect_exact(CONTENT_NOTE_PROMPT, "Tab completion: Enter on the completed line "
                                                 "should start the scenario (its content note)")
    h.check("Content note" in note and SCENARIO_TITLE in note,
            f"Tab completion: the completed line should open {SCENARIO_TITLE!r} at its content note")
    run.sendline("back")
    run.library_prompt("'back' at the content note should return to the library prompt")
    run.send(CTRL_D)
    run.expect_exact("Goodbye.", "Ctrl-D at the library prompt")
    run.expect_exit_zero("Ctrl-D at the library prompt")


def hang_up_run(h):
    """A closed terminal: SIGHUP while readline waits in play loses no decision shown as taken."""
    run = h.spawn("run 5: SIGHUP in play")
    run.library_prompt("the welcome screen")
    run.sendline(f"play {SCENARIO}")
    run.expect_exact(CONTENT_NOTE_PROMPT, "SIGHUP run: the content note's question")
    run.sendline("")
    started = run.expect_re(r"Session ([0-9a-f]{8}) started", "SIGHUP run: the new session's id")
    session_prefix = started.group(1)
    first = run.play_prompt("SIGHUP run: the first passage")
    shown = re.search(r"(\d+)\. " + re.escape(FIRST_CHOICE), SGR.sub("", first))
    h.check(shown is not None, f"SIGHUP run: the option {FIRST_CHOICE!r} should be numbered on screen")
    run.sendline(shown.group(1))
    run.expect_exact(RATIONALE_PROMPT, "SIGHUP run: the rationale prompt")
    run.sendline(RATIONALE)
    run.expect_exact(FEEDBACK_PAUSE, "SIGHUP run: the feedback, held until Enter")
    run.sendline("")
    after_choice = run.play_prompt("SIGHUP run: the next passage, so the decision is shown as taken")
    h.check(NEXT_PASSAGE in after_choice, f"SIGHUP run: the next passage ({NEXT_PASSAGE!r}) should be shown")

    # What the kernel sends when the terminal window closes.
    os.kill(run.child.pid, signal.SIGHUP)
    try:
        run.child.expect(pexpect.EOF)
    except pexpect.TIMEOUT as error:
        h.fail("SIGHUP run: the program should end after SIGHUP", error)
    run.child.close()
    # readline restores the terminal and lets SIGHUP's default action end the program.
    h.check(run.child.signalstatus == signal.SIGHUP,
            f"SIGHUP run: expected the program to end by SIGHUP, got exit status "
            f"{run.child.exitstatus} and signal {run.child.signalstatus}")

    again = h.spawn("run 6: resume after SIGHUP")
    again.library_prompt("the welcome screen after SIGHUP")
    again.sendline(f"resume {session_prefix}")
    resumed = again.play_prompt("resume after SIGHUP: the session at the '> ' prompt")
    h.check(f"Session {session_prefix}" in resumed and "1 decision so far" in resumed,
            f"resume after SIGHUP: session {session_prefix} should hold the 1 decision shown as taken")
    h.check(FIRST_CHOICE in resumed and NEXT_PASSAGE in resumed,
            "resume after SIGHUP: the decision and the passage it led to should be shown")
    again.sendline("quit")
    again.expect_re(SAVED, "'quit' after resuming should save")
    again.library_prompt("after quitting play, the library prompt")
    again.send(CTRL_D)
    again.expect_exact("Goodbye.", "Ctrl-D at the library prompt")
    again.expect_exit_zero("Ctrl-D at the library prompt")


def who_is_training_run(h):
    """Who is training: a first run at a terminal asks, keeps the answer privately, and never
    asks again."""
    config = os.path.join(h.temporary, "config")
    env = {"CASESIM_TRAINEE": "", "XDG_CONFIG_HOME": config}
    run = h.spawn("run: who is training (first run)", env)
    run.expect_exact("Who is training?", "a first run with no trainee named should ask who is training")
    run.expect_exact("Your name (Enter for ", "the question should offer the login name on Enter")
    run.sendline("  Sam   Patel ")
    run.expect_exact("Thank you, Sam Patel.", "the name should be thanked, its blanks tidied")
    run.library_prompt("after the name, the welcome and the library prompt")
    path = os.path.join(config, "casesim", "config")
    h.check(os.path.isfile(path), f"the name should be kept in {path}")
    mode = os.stat(path).st_mode & 0o777
    h.check(mode == 0o600, f"the config file holds a name, so it should be 0600, not {oct(mode)}")
    with open(path, encoding="utf-8") as handle:
        h.check("trainee: Sam Patel" in handle.read(), "the config file should hold 'trainee: Sam Patel'")
    run.send(CTRL_D)
    run.expect_exit_zero("Ctrl-D after the first run's welcome")

    again = h.spawn("run: who is training (second run)", env)
    welcome = again.library_prompt("a second run should go straight to the library")
    h.check("Who is training?" not in welcome, "a kept name should not be asked for again")
    again.send(CTRL_D)
    again.expect_exit_zero("Ctrl-D on the second run")


def main(argv):
    global ROWS, COLUMNS
    if len(argv) not in (3, 4) or (len(argv) == 4 and not re.fullmatch(r"\d+x\d+", argv[3])):
        print("usage: shell_session.py CASESIM_BINARY LIBRARY_DIR [COLUMNSxROWS]", file=sys.stderr)
        return 2
    binary, library = argv[1], argv[2]
    if len(argv) == 4:
        COLUMNS, ROWS = (int(n) for n in argv[3].split("x"))
    if not os.access(binary, os.X_OK):
        print(f"pty: FAIL: no executable casesim at {binary} (run `swift build` first)")
        return 1
    if not os.path.isdir(os.path.join(library, "Scenarios")):
        print(f"pty: FAIL: {library} holds no Scenarios/ folder")
        return 1

    # Start the shell as a terminal's login shell would: no signal blocked. A parent may hand
    # this script a blocked mask (Foundation's Process on Linux passes its thread's mask on to
    # the child, so under `swift test` SIGINT arrives blocked); exec keeps the mask, and a
    # casesim with SIGINT blocked would never see Ctrl-C.
    signal.pthread_sigmask(signal.SIG_SETMASK, set())

    h = Harness(binary, library)
    try:
        session_prefix = first_run(h)
        second_run(h, session_prefix)
        no_colour_run(h)
        completion_run(h)
        hang_up_run(h)
        who_is_training_run(h)
    except CheckFailed as failure:
        print(f"pty: FAIL after {h.passed} passed checks: {failure}")
        print("----- last 2000 characters of terminal output (repr, so escapes show) -----")
        tail = h.transcript.getvalue()[-2000:]
        for line in tail.split("\n"):
            print(repr(line)[1:-1])
        print("-----")
        return 1
    finally:
        h.cleanup()
    print(f"pty: {h.passed} checks passed at {COLUMNS}x{ROWS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
