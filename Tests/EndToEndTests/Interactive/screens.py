#!/usr/bin/env python3
"""Plays the real `casesim` shell in tmux at 80x24 and at 140x45 and checks what is on screen:
nothing a trainee must read has scrolled away when the program waits for them, and at 80x24 the
welcome, a passage with its feedback, the debrief summary and `history` match the golden captures
kept in the tests (tmux capture-pane, normalised: session ids, dates and times are replaced).

Usage: screens.py CASESIM_BINARY LIBRARY_DIR GOLDEN_DIR [--update]

--update rewrites the golden files from this run instead of comparing (after a deliberate change
to what a screen shows; review the diff before committing). Each run uses a private tmux server
and fresh temporary XDG folders. Exits 0 and prints `screens: N checks passed`; on a failure
prints what was expected and the screen, and exits 1. Exits 2 if tmux is missing.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT = 60
SCENARIO = "duty-desk-friday"
RATIONALE = "I weighed what the school said against what I could check today."
LIBRARY_PROMPT = "casesim> "
CONTENT_NOTE_PROMPT = "Press Enter to begin, or type 'back' to return:"
FEEDBACK_PAUSE = "Press Enter to go on ('feedback' shows this again):"
CALM_PAUSE = "Press Enter when you are ready for the debrief."
SUMMARY_QUESTION = "Press Enter for the full debrief, or type 'done' to skip it:"
READ_ON = re.compile(r"-- more \(\d+%\): press Enter to read on --\s*$")
WRONG_SCREENS = ["is not a command", "Choose a number from", "casesim: error:", "Could not save", "No scenario '"]


class CheckFailed(Exception):
    pass


def normalise(screen):
    """Takes out what differs from run to run: session ids, dates, clock times and trailing blanks."""
    screen = re.sub(r"\b[0-9a-f]{8}\b", "SESSION-", screen)
    screen = re.sub(r"\b\d{4}-\d{2}-\d{2}\b", "YYYY-MM-DD", screen)
    screen = re.sub(r"\b\d{2}:\d{2} UTC\b", "HH:MM UTC", screen)
    lines = [line.rstrip() for line in screen.split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


class Screen:
    """One casesim shell in a private tmux server, at a fixed size."""

    def __init__(self, harness, columns, rows, pager=None):
        self.harness = harness
        self.size = f"{columns}x{rows}"
        self.columns, self.rows = columns, rows
        self.socket = f"casesim-screens-{os.getpid()}-{columns}"
        env = {
            "XDG_DATA_HOME": os.path.join(harness.home, self.size, "data"),
            "XDG_STATE_HOME": os.path.join(harness.home, self.size, "state"),
            "XDG_CACHE_HOME": os.path.join(harness.home, self.size, "cache"),
            "XDG_CONFIG_HOME": os.path.join(harness.home, self.size, "config"),
            "HOME": os.path.join(harness.home, self.size),
            "CASESIM_TRAINEE": "screens-trainee", "NO_COLOR": "1", "INPUTRC": "/dev/null",
            "TERM": "xterm",
        }
        if pager:
            env["PAGER"] = pager
        command = ["env", "-i", f"PATH={os.environ.get('PATH', '/usr/bin:/bin')}"]
        command += [f"{key}={value}" for key, value in env.items()]
        command += [harness.binary, "--library", harness.library]
        self.tmux("new-session", "-d", "-x", str(columns), "-y", str(rows), "-s", "casesim",
                  " ".join(shell_quote(part) for part in command))
        self.tmux("set-option", "-t", "casesim", "remain-on-exit", "on")
        self.before = None

    def tmux(self, *arguments):
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null"] + list(arguments),
                              check=True, capture_output=True, text=True).stdout

    def capture(self):
        return self.tmux("capture-pane", "-p", "-t", "casesim")

    def type(self, text):
        # What was on screen before these keys: the next wait accepts a screen only once it has
        # changed from this one, so a prompt still showing from before the keys were read (the
        # program is slow under load) is never taken for the prompt that answers them.
        self.before = self.capture()
        if text:
            self.tmux("send-keys", "-t", "casesim", "-l", text)
        self.tmux("send-keys", "-t", "casesim", "Enter")

    def press(self, key):
        """One key with no Enter (q to leave a pager), remembered as `type` remembers."""
        self.before = self.capture()
        self.tmux("send-keys", "-t", "casesim", key)

    def wait(self, what, ready, read_on=False):
        """Waits until `ready(screen)` holds; returns the screen. With read_on, presses Enter at
        each hold of a passage taller than the screen, checking first that the hold's page starts
        a passage or follows on from the page before (nothing skipped)."""
        deadline = time.time() + TIMEOUT
        last = ""
        while time.time() < deadline:
            screen = self.capture()
            for wrong in WRONG_SCREENS:
                if wrong in screen and wrong not in last:
                    self.harness.fail(f"{self.size}: {what}: the screen showed {wrong!r}", screen)
            if self.before is not None and screen != self.before:
                self.before = None
            if self.before is None and ready(screen):
                return screen
            lines = [line for line in screen.rstrip("\n").split("\n")]
            if read_on and lines and READ_ON.search(lines[-1]) and screen != last:
                self.harness.check(
                    len(lines) <= self.rows,
                    f"{self.size}: {what}: a held page must fit the screen", screen)
                self.type("")
            last = screen
            time.sleep(0.05)
        self.harness.fail(f"{self.size}: {what}: timed out", self.capture())

    def prompt(self, what, read_on=True):
        """The play prompt '> ' on the last line, after reading on through any holds."""
        return self.wait(what, lambda s: s.rstrip("\n").split("\n")[-1].rstrip() == ">", read_on=read_on)

    def close(self):
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def shell_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def last_line(screen):
    return screen.rstrip("\n").split("\n")[-1].rstrip()


class Harness:
    def __init__(self, binary, library, golden, update):
        self.binary, self.library, self.golden, self.update = binary, library, golden, update
        self.home = tempfile.mkdtemp(prefix="casesim-screens-")
        self.passed = 0

    def check(self, condition, message, screen=None):
        if not condition:
            self.fail(message, screen)
        self.passed += 1

    def fail(self, message, screen=None):
        raise CheckFailed(message + ("\n----- screen -----\n" + screen if screen is not None else ""))

    def golden_check(self, name, screen):
        path = os.path.join(self.golden, name + ".txt")
        text = normalise(screen)
        if self.update:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            self.passed += 1
            return
        if not os.path.exists(path):
            self.fail(f"no golden capture {path}; run with --update to make it", text)
        with open(path, encoding="utf-8") as f:
            expected = f.read()
        if expected != text:
            import difflib
            diff = "".join(difflib.unified_diff(
                expected.splitlines(True), text.splitlines(True), f"golden/{name}", f"screen/{name}"))
            self.fail(f"{name}: the screen differs from the golden capture "
                      f"(if the change is deliberate, run screens.py with --update):\n{diff}")
        self.passed += 1


def choices_of(library, path):
    """The choice numbers of a playthrough in the scenario's .tests file."""
    text = open(os.path.join(library, "Scenarios", SCENARIO + ".tests"), encoding="utf-8").read()
    block = text.split(f"== {path}\n", 1)[1]
    line = next(l for l in block.split("\n") if l.startswith("choices:"))
    return [c.strip() for c in line[len("choices:"):].split(",")]


def play_through(screen, h, choices, mode):
    """Plays `choices` (as written), answering each 'Why?' and holding at each feedback pause."""
    for n, choice in enumerate(choices, 1):
        shown = screen.prompt(f"the play prompt before decision {n}")
        if n > 1:
            # The passage's first page is on screen as the prompt comes: its top has not scrolled
            # away (a passage taller than the screen was held a page at a time before this).
            h.check("Decision " in shown or "----" in shown,
                    f"{screen.size}: decision {n}: the passage's progress line should be on screen", shown)
        screen.type(choice)
        asked = screen.wait(f"after choice {n}",
                            lambda s: last_line(s) == "because>" or last_line(s) == ">" or
                            FEEDBACK_PAUSE in last_line(s) or "Outcome:" in s or CALM_PAUSE in s,
                            read_on=True)
        if last_line(asked) == "because>":
            screen.type(RATIONALE)
            after = screen.wait(f"after the reason for decision {n}",
                                lambda s: last_line(s) in (">", "because>") or FEEDBACK_PAUSE in last_line(s)
                                or "Outcome:" in s or CALM_PAUSE in s, read_on=True)
            if last_line(after) == "because>":
                screen.type("")
                after = screen.wait(f"after the second reason for decision {n}",
                                    lambda s: last_line(s) == ">" or FEEDBACK_PAUSE in last_line(s)
                                    or "Outcome:" in s or CALM_PAUSE in s, read_on=True)
            asked = after
        if FEEDBACK_PAUSE in last_line(asked):
            yield ("feedback", n, asked)
            screen.type("")


def child_alive(screen):
    return screen.tmux("display-message", "-p", "-t", "casesim", "#{pane_dead}").strip() == "0"


def session(h, columns, rows, pager=None):
    screen = Screen(h, columns, rows, pager)
    size = screen.size
    try:
        welcome = screen.wait("the welcome", lambda s: last_line(s) == LIBRARY_PROMPT.rstrip())
        h.check(welcome.startswith("CaseSim: practise child-safeguarding decisions"),
                f"{size}: the greeting is still on screen when the prompt comes", welcome)
        h.check(len(welcome.rstrip("\n").split("\n")) <= rows, f"{size}: the welcome fits the screen", welcome)
        if columns == 80:
            h.golden_check("80x24-welcome", welcome)
        else:
            listed = sum(1 for name in os.listdir(os.path.join(h.library, "Scenarios")) if name.endswith(".case"))
            h.check(welcome.count(" min ") + welcome.count(" min\n") >= listed,
                    f"{size}: at 45 rows every scenario is listed on the welcome", welcome)

        # Practice: the first decision's feedback, held until Enter.
        screen.type(f"play {SCENARIO} --mode practice --order written")
        screen.wait("the content note", lambda s: CONTENT_NOTE_PROMPT in last_line(s), read_on=True)
        screen.type("")
        best = choices_of(h.library, "best")
        for kind, n, shown in play_through(screen, h, best[:1], "practice"):
            h.check("Why? (recorded for your debrief)" in shown or "+" in shown,
                    f"{size}: the feedback for decision {n} is on screen at the pause", shown)
            h.check(re.search(r"\[[a-z0-9-]+\]", shown) is not None,
                    f"{size}: the feedback names its principles' ids", shown)
            if columns == 80:
                h.golden_check("80x24-passage-feedback", shown)
        screen.prompt("the second passage after the feedback")
        # The guidance catalog is far taller than either screen: paged, and q returns to the game.
        screen.type("guides")
        if pager:
            paged = screen.wait("less showing the catalog", lambda s: last_line(s).startswith(":") or "(END)" in last_line(s))
            h.check("principles in" not in paged or "(END)" in paged, f"{size}: $PAGER shows the catalog a page at a time", paged)
            screen.press("q")
        else:
            more = screen.wait("the built-in pager's prompt", lambda s: "Enter to read on, q to stop" in last_line(s))
            h.check(len(more.rstrip("\n").split("\n")) <= rows, f"{size}: a page fits the screen", more)
            screen.type("q")
        back = screen.prompt("back in the game after q", read_on=False)
        h.check(child_alive(screen), f"{size}: the game goes on after the pager", back)
        screen.type("case")
        case = screen.prompt("the case file")
        h.check("Case file (in time order)" in case, f"{size}: 'case' shows the chronology", case)
        # Learning by trying again: back to decision 1, which is shown again with its options.
        screen.type("retry 1")
        again = screen.prompt("decision 1 again after 'retry 1'")
        # (At 80x24 the passage is held a page at a time, and the line saying so was on its first.)
        h.check("Decision 1 of at least" in again, f"{size}: 'retry 1' goes back to decision 1", again)
        screen.type("quit")
        screen.wait("back at the library", lambda s: last_line(s) == LIBRARY_PROMPT.rstrip())

        # Assessment: the worst path to an unsafe ending, the calm pause, then the summary.
        screen.type(f"play {SCENARIO} --mode assessment --order written")
        screen.wait("the content note", lambda s: CONTENT_NOTE_PROMPT in last_line(s), read_on=True)
        screen.type("")
        for _ in play_through(screen, h, choices_of(h.library, "worst"), "assessment"):
            h.fail(f"{size}: assessment gives no feedback during play")
        pause = screen.wait("the calm pause", lambda s: CALM_PAUSE in last_line(s), read_on=True)
        h.check("Take a moment before the debrief." in pause,
                f"{size}: the calm note is on screen with its pause", pause)
        screen.type("")
        summary = screen.wait("the debrief summary", lambda s: SUMMARY_QUESTION in last_line(s))
        h.check("DEBRIEF IN BRIEF: Duty desk, Friday 16:40" in summary,
                f"{size}: the summary's heading is still on screen at its question", summary)
        if columns == 80:
            h.golden_check("80x24-debrief-summary", summary)
        screen.type("done")
        screen.wait("back at the library", lambda s: last_line(s) == LIBRARY_PROMPT.rstrip())

        # The path taken against the branches not taken; paged when taller than the screen.
        screen.type("path")
        path = screen.wait("the path", lambda s: "YOUR PATH: Duty desk, Friday 16:40" in s and (
            last_line(s) == LIBRARY_PROMPT.rstrip() or "q to stop" in last_line(s) or
            last_line(s).startswith(":") or "(END)" in last_line(s)))
        h.check("> marks the one you" in path and "Decision 1 (at start)" in path, f"{size}: 'path' explains its marks", path)
        if last_line(path) != LIBRARY_PROMPT.rstrip():
            if "q to stop" in last_line(path):
                screen.type("q")
            else:
                screen.press("q")
            screen.wait("back at the library after the path", lambda s: last_line(s) == LIBRARY_PROMPT.rstrip())

        # A scenario's summary and content note before choosing it.
        screen.type(f"info {SCENARIO}")
        info = screen.wait("info", lambda s: last_line(s) == LIBRARY_PROMPT.rstrip() and "Content note" in s)
        h.check("Intensity: high" in info, f"{size}: 'info' shows the intensity with the content note", info)

        screen.type("history")
        history = screen.wait("history", lambda s: last_line(s) == LIBRARY_PROMPT.rstrip() and "Session" in s)
        h.check(all(len(line) <= columns for line in history.split("\n")), f"{size}: history fits", history)
        h.check("Duty desk, Friday" in history and "assessment" in history and "practice" in history,
                f"{size}: history lists both sessions with their modes", history)
        if columns == 80:
            # From the command on: what is above it (the previous debrief's file path) differs
            # from run to run.
            h.golden_check("80x24-history", history[history.rindex(LIBRARY_PROMPT + "history"):])
        screen.type("quit")
    finally:
        screen.close()


def main(argv):
    if len(argv) not in (4, 5) or (len(argv) == 5 and argv[4] != "--update"):
        print(__doc__)
        return 64
    if shutil.which("tmux") is None:
        print("screens: tmux is not installed (apt-get install tmux)")
        return 2
    h = Harness(os.path.abspath(argv[1]), os.path.abspath(argv[2]), os.path.abspath(argv[3]), len(argv) == 5)
    try:
        session(h, 80, 24)
        # At 140x45 with the trainee's own pager: less, which q leaves.
        session(h, 140, 45, pager="less" if shutil.which("less") else None)
    except CheckFailed as failure:
        print(f"screens: FAIL: {failure}")
        return 1
    finally:
        shutil.rmtree(h.home, ignore_errors=True)
    print(f"screens: {h.passed} checks passed" + (" (golden captures updated)" if h.update else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
