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
ENDING_READ = "Press Enter when you have read the ending."
MORE = re.compile(r"-- more \(\d+%\): Enter to read on, q to stop --\s*$")
SUPPORT_FIRST_WORDS = "If this scenario has stirred something up for you"
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
        # A server of its own for each screen: one closed a moment ago may still be going away.
        harness.screens += 1
        self.socket = f"casesim-screens-{os.getpid()}-{columns}-{harness.screens}"
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

    def capture(self, joined=False):
        """The screen; with joined, lines the terminal wrapped are joined again (a path that ran
        on past the edge reads as the one line the program wrote)."""
        return self.tmux("capture-pane", "-p", *(["-J"] if joined else []), "-t", "casesim")

    def type(self, text):
        # What was on screen before these keys: the next wait accepts a screen only once it has
        # changed from this one, so a prompt still showing from before the keys were read (the
        # program is slow under load) is never taken for the prompt that answers them.
        self.before = self.capture()
        if text:
            self.tmux("send-keys", "-t", "casesim", "-l", "--", text)
        self.tmux("send-keys", "-t", "casesim", "Enter")

    def press(self, key):
        """One key with no Enter (q to leave a pager), remembered as `type` remembers."""
        self.before = self.capture()
        self.tmux("send-keys", "-t", "casesim", key)

    def keys(self, text):
        """Text typed with no Enter (before a Tab), remembered as `type` remembers."""
        self.before = self.capture()
        self.tmux("send-keys", "-t", "casesim", "-l", "--", text)

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
        self.screens = 0

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


def playthrough_field(library, path, field, scenario=SCENARIO):
    """A field (choices, ending) of a playthrough in the scenario's .tests file."""
    text = open(os.path.join(library, "Scenarios", scenario + ".tests"), encoding="utf-8").read()
    block = text.split(f"== {path}\n", 1)[1]
    line = next(l for l in block.split("\n") if l.startswith(field + ":"))
    return line[len(field) + 1:].strip()


def choices_of(library, path, scenario=SCENARIO):
    """The choice numbers of a playthrough in the scenario's .tests file."""
    return [c.strip() for c in playthrough_field(library, path, "choices", scenario).split(",")]


def ending_opening(library, path, scenario=SCENARIO):
    """The first words of the ending a playthrough reaches: the start of its passage's first line
    of prose (after the directives), which is the ending's first line on screen."""
    ending = playthrough_field(library, path, "ending", scenario)
    text = open(os.path.join(library, "Scenarios", scenario + ".case"), encoding="utf-8").read()
    body = text.split(f"\n== {ending}\n", 1)[1].split("\n")
    prose = next(l for l in body if l.strip() and not l.startswith("@"))
    return " ".join(re.sub(r"^\{[^}]*\}\s*", "", prose).split()[:4])


def unbroken(h, what, screen, message):
    """Every word of `message` stands whole on a line of the screen: the terminal cut none of
    them (a message wider than the screen is wrapped between words, or not at all)."""
    on_screen = {word for line in screen.split("\n") for word in line.split()}
    cut = [word for word in message.split() if word not in on_screen]
    h.check(not cut, f"{what}: the message's words {cut!r} are cut across lines (or missing)", screen)


def play_through(screen, h, choices, mode, ends=False):
    """Plays `choices` (as written), answering each 'Why?' and holding at each feedback pause.
    With `ends` (the last choice reaches an ending), the last waits stop at the first hold after
    it, whatever it is, without reading on, so `check_ending` sees what the trainee sees then."""
    for n, choice in enumerate(choices, 1):
        final = ends and n == len(choices)

        def waiting(s):
            held = last_line(s)
            return (held in (">", "because>") or FEEDBACK_PAUSE in held or ENDING_READ in held or CALM_PAUSE in held
                    or SUMMARY_QUESTION in held or (final and READ_ON.search(held) is not None))

        shown = screen.prompt(f"the play prompt before decision {n}")
        if n > 1:
            # The passage's first page is on screen as the prompt comes: its top has not scrolled
            # away (a passage taller than the screen was held a page at a time before this).
            h.check("Decision " in shown or "----" in shown,
                    f"{screen.size}: decision {n}: the passage's progress line should be on screen", shown)
        screen.type(choice)
        asked = screen.wait(f"after choice {n}", waiting, read_on=not final)
        if last_line(asked) == "because>":
            screen.type(RATIONALE)
            after = screen.wait(f"after the reason for decision {n}", waiting, read_on=not final)
            if last_line(after) == "because>":
                screen.type("")
                after = screen.wait(f"after the second reason for decision {n}", waiting, read_on=not final)
            asked = after
        if FEEDBACK_PAUSE in last_line(asked):
            yield ("feedback", n, asked)
            screen.type("")


def check_ending(screen, h, opening, what):
    """After the last decision: when the program first waits, the ending's first line is on screen
    (not pushed off by the calm note or the debrief's summary); read on through a long ending to
    its hold, which shows the outcome; Enter goes on."""
    held = screen.wait(f"{what}: the first hold after the last decision",
                       lambda s: any(p in last_line(s) for p in (ENDING_READ, CALM_PAUSE, SUMMARY_QUESTION))
                       or READ_ON.search(last_line(s)) is not None or last_line(s) == LIBRARY_PROMPT.rstrip())
    h.check(opening in held, f"{screen.size}: {what}: the ending's first line ({opening!r}...) is on screen "
                             f"when the program first waits after the last decision", held)
    read = screen.wait(f"{what}: the hold after the ending", lambda s: ENDING_READ in last_line(s), read_on=True)
    h.check("The scenario has ended. Outcome:" in read, f"{screen.size}: {what}: the outcome is on screen at the hold", read)
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

        library_messages(screen, h)

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
        # 'feedback' shows the last decision's feedback again, and the game goes on.
        screen.type("feedback")
        again = screen.wait("the feedback again", lambda s: last_line(s) == ">" or MORE.search(last_line(s)) is not None)
        h.check(re.search(r"\[[a-z0-9-]+\]", again[again.rfind("> feedback"):]) is not None,
                f"{size}: 'feedback' shows the last feedback again, with its principles' ids", again)
        leave_pager(screen, again, lambda s: last_line(s) == ">")
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
        case = screen.wait("the case file", lambda s: last_line(s) == ">" or MORE.search(last_line(s)) is not None)
        h.check("Case file (in time order)" in case, f"{size}: 'case' shows the chronology", case)
        leave_pager(screen, case, lambda s: last_line(s) == ">")
        # A second decision adds facts: the next look marks them [new].
        for _ in play_through(screen, h, best[1:2], "practice"):
            pass
        screen.prompt("the third passage")
        screen.type("case")
        marked = screen.wait("the case file again", lambda s: last_line(s) == ">" or MORE.search(last_line(s)) is not None)
        h.check("Case file (in time order; [new] since you last looked)" in marked,
                f"{size}: the case file's heading says what [new] marks", marked)
        while "[new] " not in marked and MORE.search(last_line(marked)):
            screen.type("")
            marked = screen.wait("the case file's next page",
                                 lambda s: last_line(s) == ">" or MORE.search(last_line(s)) is not None)
        h.check("  * [new] " in marked, f"{size}: a fact added since the last look is marked [new]", marked)
        leave_pager(screen, marked, lambda s: last_line(s) == ">")
        # 'retry' with no number, and 'retry 1': each message whole at this width.
        screen.type("retry")
        asked = screen.prompt("'retry' with no number", read_on=False)
        unbroken(h, f"{size}: 'retry'", asked, RETRY_WHICH)
        # Learning by trying again: back to decision 1, which is shown again with its options.
        screen.type("retry 1")
        again = screen.wait("the first page after 'retry 1'",
                            lambda s: last_line(s) == ">" or READ_ON.search(last_line(s)) is not None)
        unbroken(h, f"{size}: 'retry 1'", again, RETRY_BACK)
        again = screen.prompt("decision 1 again after 'retry 1'")
        # (At 80x24 the passage is held a page at a time, and the line saying so was on its first.)
        h.check("Decision 1 of at least" in again, f"{size}: 'retry 1' goes back to decision 1", again)
        screen.type("quit")
        screen.wait("back at the library", lambda s: last_line(s) == LIBRARY_PROMPT.rstrip())

        # Practice to the safe ending: read before anything follows it.
        screen.type(f"play {SCENARIO} --mode practice --order written")
        screen.wait("the content note", lambda s: CONTENT_NOTE_PROMPT in last_line(s), read_on=True)
        screen.type("")
        for _ in play_through(screen, h, best, "practice", ends=True):
            pass
        check_ending(screen, h, ending_opening(h.library, "best"), "the safe ending")
        summary = screen.wait("the debrief summary after the safe ending", lambda s: SUMMARY_QUESTION in last_line(s))
        h.check("DEBRIEF IN BRIEF: Duty desk, Friday 16:40" in summary, f"{size}: the summary follows the safe ending", summary)
        screen.type("done")
        saved = screen.wait("the saved debrief's path", lambda s: last_line(s) == LIBRARY_PROMPT.rstrip())
        whole = screen.capture(joined=True).split("\n")
        where = [n for n, line in enumerate(whole) if line.strip() == "Debrief saved to:"]
        h.check(where and where[-1] + 1 < len(whole), f"{size}: the debrief's path is given", saved)
        path = whole[where[-1] + 1].strip()
        h.check(path.endswith(".md") and os.path.isfile(path),
                f"{size}: the debrief's path stands whole on its own line ({path!r})", saved)

        # Assessment: the worst path to an unsafe ending, the calm pause, then the summary.
        screen.type(f"play {SCENARIO} --mode assessment --order written")
        screen.wait("the content note", lambda s: CONTENT_NOTE_PROMPT in last_line(s), read_on=True)
        screen.type("")
        for _ in play_through(screen, h, choices_of(h.library, "worst"), "assessment", ends=True):
            h.fail(f"{size}: assessment gives no feedback during play")
        check_ending(screen, h, ending_opening(h.library, "worst"), "the unsafe ending")
        pause = screen.wait("the calm pause", lambda s: CALM_PAUSE in last_line(s), read_on=True)
        h.check("Take a moment before the debrief." in pause,
                f"{size}: the calm note is on screen with its pause", pause)
        h.check(SUPPORT_FIRST_WORDS in pause, f"{size}: the support text is on screen with the calm note", pause)
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

        # 'support' at the library prompt: the whole text on screen.
        screen.type("support")
        support = screen.wait("support", lambda s: last_line(s) == LIBRARY_PROMPT.rstrip() and "Support" in s)
        h.check(SUPPORT_FIRST_WORDS in support and "employee assistance programme" in support,
                f"{size}: 'support' shows the support text", support)

        screen.type("history")
        history = screen.wait("history", lambda s: last_line(s) == LIBRARY_PROMPT.rstrip() and "Session" in s)
        h.check(all(len(line) <= columns for line in history.split("\n")), f"{size}: history fits", history)
        h.check("Duty desk, Friday" in history and "assessment" in history and "practice" in history,
                f"{size}: history lists both sessions with their modes", history)
        if columns == 80:
            # From the command on: what is above it (the previous debrief's file path) differs
            # from run to run.
            h.golden_check("80x24-history", history[history.rindex(LIBRARY_PROMPT + "history"):])
        if columns == 80:
            # Another scenario's unsafe ending, in practice, where each decision's feedback comes first.
            other = "smell-of-cannabis"
            screen.type(f"play {other} --order written")
            screen.wait(f"{other}: the content note", lambda s: CONTENT_NOTE_PROMPT in last_line(s), read_on=True)
            screen.type("")
            for _ in play_through(screen, h, choices_of(h.library, "worst", other), "practice", ends=True):
                pass
            check_ending(screen, h, ending_opening(h.library, "worst", other), f"{other}'s unsafe ending")
            screen.wait(f"{other}: the calm pause", lambda s: CALM_PAUSE in last_line(s), read_on=True)
            screen.type("")
            screen.wait(f"{other}: the debrief summary", lambda s: SUMMARY_QUESTION in last_line(s))
            screen.type("done")
            screen.wait("back at the library", lambda s: last_line(s) == LIBRARY_PROMPT.rstrip())
        screen.type("quit")
    finally:
        screen.close()
    unfinished_welcome(h, columns, rows)


# Messages the shell writes that are wider than 80 columns: each must be wrapped between words.
RETRY_WHICH = ("Say which decision to go back to: retry N (the progress line above the options gives each "
               "decision's number).")
RETRY_BACK = ("Back to decision 1, to take it again (the retry is recorded; your debrief reviews the decisions "
              "that stand).")
INFO_WHICH = "Which scenario? Type 'info ID' (Tab completes ids), or 'list --long' for every one."
LIST_AFTER = "Type 'info ID' for a scenario's summary and content note, or 'list --long' for all of them."
NOT_A_ROLE = ("'polce' is not a role in 'the-strategy-discussion'; its roles are 'social-worker', 'police-officer', "
              "'health-visitor' and 'school-dsl'. Did you mean 'police-officer'?")


def leave_pager(screen, shown, back):
    """From a screen the built-in pager may hold (its 'more' prompt last), q to the prompt `back`."""
    if MORE.search(last_line(shown)):
        screen.type("q")
        screen.wait("back after q", back)


def says_whole(screen, h, command, shown, message):
    """Types `command` at the library prompt; once `shown` is on screen and the prompt is back,
    every word of `message` stands whole."""
    screen.type(command)
    answer = screen.wait(f"'{command}'", lambda s: last_line(s) == LIBRARY_PROMPT.rstrip() and shown in s)
    unbroken(h, f"{screen.size}: '{command}'", answer, message)


def library_messages(screen, h):
    """At the library prompt: the listing (paged with its heading when taller than the screen),
    the long listing, 'info' with no id, roles typed as names with a did-you-mean, and Tab
    completion of roles and of modes; every message whole at this width."""
    size = screen.size
    at_prompt = lambda s: last_line(s) == LIBRARY_PROMPT.rstrip()
    screen.type("list")
    listed = screen.wait("list", lambda s: at_prompt(s) or MORE.search(last_line(s)) is not None)
    h.check(re.search(r"^Scenario +Title +Roles +Time +Intensity$", listed, re.M) is not None,
            f"{size}: the listing's heading is on screen at its first hold", listed)
    h.check(all(len(line) <= screen.columns for line in listed.split("\n")), f"{size}: the listing fits", listed)
    while not at_prompt(listed):
        screen.type("")
        listed = screen.wait("the listing's last page", lambda s: at_prompt(s) or MORE.search(last_line(s)) is not None)
    unbroken(h, f"{size}: after 'list'", listed, LIST_AFTER)
    h.check("the-strategy-discussion" in listed and ("police officer" in listed or " po," in listed),
            f"{size}: the listing's roles column names the roles (in full, or by initials that 'play' takes)", listed)

    screen.type("list --long")
    long = screen.wait("list --long", lambda s: at_prompt(s) or MORE.search(last_line(s)) is not None
                       or last_line(s).startswith(":") or "(END)" in last_line(s))
    h.check("Content note:" in long and "Role:" in long, f"{size}: 'list --long' shows summaries and content notes", long)
    if MORE.search(last_line(long)):
        screen.type("q")
    elif not at_prompt(long):
        screen.press("q")
    screen.wait("back at the library after 'list --long'", at_prompt)

    says_whole(screen, h, "info", "Which scenario?", INFO_WHICH)

    # Roles as a person types them: a prefix plays the role; a misspelling gets a did-you-mean.
    screen.type("play the-strategy-discussion police")
    note = screen.wait("the content note as police", lambda s: CONTENT_NOTE_PROMPT in last_line(s)
                       or READ_ON.search(last_line(s)) is not None)
    h.check("Role: police officer." in note, f"{size}: 'police' plays as the police officer", note)
    screen.wait("the content note's question", lambda s: CONTENT_NOTE_PROMPT in last_line(s), read_on=True)
    screen.type("back")
    screen.wait("back at the library", at_prompt)
    says_whole(screen, h, "play the-strategy-discussion polce", "'police-officer'?", NOT_A_ROLE)

    # Tab completes a role after the id, and a mode after --mode.
    screen.keys("play the-strategy-discussion heal")
    screen.press("Tab")
    screen.wait("Tab after a role's start", lambda s: last_line(s).endswith("the-strategy-discussion health-visitor"))
    screen.keys("--mode as")  # the completed role ends with a space
    screen.press("Tab")
    screen.wait("Tab after --mode", lambda s: last_line(s).endswith("health-visitor --mode assessment"))
    screen.press("C-u")
    screen.wait("the line cleared", at_prompt)


def unfinished_welcome(h, columns, rows):
    """A second run at this size: the welcome offers the session left unfinished, its date and
    time whole on one line."""
    screen = Screen(h, columns, rows)
    try:
        welcome = screen.wait("the welcome with an unfinished session", lambda s: last_line(s) == LIBRARY_PROMPT.rstrip())
        h.check("You have an unfinished session" in welcome, f"{screen.size}: the welcome offers the unfinished session",
                welcome)
        h.check(re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", welcome) is not None,
                f"{screen.size}: the session's start (date, time and zone) stands whole on one line", welcome)
        h.check(all(len(line) <= columns for line in welcome.split("\n")), f"{screen.size}: the welcome fits", welcome)
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
