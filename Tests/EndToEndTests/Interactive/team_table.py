#!/usr/bin/env python3
"""Plays a team at one table in a pseudo-terminal (80x24), as a facilitator and two
participants would: the real `casesim play FILE --team ...`, the keyboard passed at each turn.

Usage: team_table.py CASESIM_BINARY LIBRARY_DIR SCENARIO_FILE
       team_table.py CASESIM_BINARY LIBRARY_DIR --play ID TEAM N,N,...

The second form plays a library scenario as the team TEAM ("social-worker=Person 1, ...") with
the option numbers given in the order the turns come, answering every question, reading on
through the pager, and checking that the screen is cleared at every hand-over, to the saved
team debrief.

Checks what only a terminal shows: at each change of turn the screen is cleared (so what only
one agency knows is not left on it for the next) and the next person is asked to take the
keyboard; 'team' says where everyone is; the meeting is announced to everyone; 'pause' saves and
stops for the facilitator; a kill in the middle of the meeting loses nothing, and 'casesim resume'
brings the table back to the meeting with the chair at the keyboard, to the team's debrief.

Exits 0 and prints `team: N checks passed`; on the first failure prints what was expected and
the end of the terminal output, and exits 1. Needs pexpect (exits 2 without it).
"""

import os
import re
import shutil
import signal
import sys
import tempfile

try:
    import pexpect
except ImportError:
    print("team: FAIL: the Python module pexpect is missing; install it with "
          "`python3 -m pip install pexpect` (or the python3-pexpect package)")
    sys.exit(2)

TIMEOUT = 60
ROWS, COLUMNS = 24, 80
CLEAR = "\x1b[2J"
PLAY_PROMPT = r"(?:^|[\r\n]|\x1b\[\?2004h)> "
REASON = "Because Poppy's safety comes first."
WRONG_SCREENS = ["is not a command", "Choose a number from", "casesim: error:", "Could not save"]


class CheckFailed(Exception):
    pass


class Table:
    def __init__(self, binary, library, arguments, home):
        env = dict(os.environ)
        env.update({
            "XDG_DATA_HOME": os.path.join(home, "data"), "XDG_STATE_HOME": os.path.join(home, "state"),
            "XDG_CACHE_HOME": os.path.join(home, "cache"), "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "CASESIM_TRAINEE": "facilitator", "NO_COLOR": "1", "INPUTRC": "/dev/null", "TERM": "xterm",
        })
        env.pop("CASESIM_LIBRARY", None)
        env.pop("PAGER", None)
        self.checks = 0
        self.child = pexpect.spawn(
            binary, arguments + ["--library", library], cwd=library, env=env, dimensions=(ROWS, COLUMNS),
            encoding="utf-8", codec_errors="replace", timeout=TIMEOUT)
        self.seen = ""

    def expect(self, pattern, what, regex=False):
        patterns = [pattern if regex else re.escape(pattern)] + [re.escape(w) for w in WRONG_SCREENS]
        try:
            index = self.child.expect(patterns)
        except (pexpect.TIMEOUT, pexpect.EOF) as error:
            raise CheckFailed(f"{what}: not shown ({type(error).__name__})\n{self.tail()}")
        self.seen += (self.child.before or "") + (self.child.after or "")
        if index != 0:
            raise CheckFailed(f"{what}: the screen showed {WRONG_SCREENS[index - 1]!r}\n{self.tail()}")
        self.checks += 1
        return self.child.before or ""

    def check(self, condition, message):
        if not condition:
            raise CheckFailed(f"{message}\n{self.tail()}")
        self.checks += 1

    def tail(self):
        return "----- last output -----\n" + (self.seen + str(self.child.before or ""))[-2000:]

    def line(self, text=""):
        self.child.sendline(text)

    def take(self, option, who):
        """At the play prompt: takes option `option` and answers the Why? question."""
        self.expect(PLAY_PROMPT, f"{who}: the play prompt", regex=True)
        self.line(str(option))
        self.expect("because> ", f"{who}: the Why? question")
        self.line(REASON)

    def hand_over(self, name, role):
        """Expects the screen to be cleared and `name` asked to take the keyboard; they do."""
        before = self.expect(f"Pass the keyboard to {name} ({role}).", f"the keyboard passed to {name}")
        self.check(CLEAR in before, f"the screen is cleared before {name} takes the keyboard")
        self.expect(f"{name}: press Enter when you are ready.", f"{name} is asked to say they are ready")
        self.line()


def play_library(binary, library, scenario, team, numbers):
    home = tempfile.mkdtemp(prefix="casesim-team-")
    try:
        table = Table(binary, library, ["play", scenario, "--team", team, "--mode", "assessment", "--order", "written"], home)
        # The title, summary and content note are held a screenful at a time at 80x24.
        while table.child.expect([r"Enter to read on", re.escape("Press Enter to begin, or type 'back' to return: ")]) == 0:
            table.line()
        table.line()
        queue = list(numbers)
        handovers = 0
        while True:
            patterns = [r"press Enter when you are ready\. ", "because> ", PLAY_PROMPT,
                        r"Enter to read on|Press Enter when you are ready for the debrief|Press Enter when you have read the ending",
                        "Team debrief and its timeline picture saved to:"]
            try:
                index = table.child.expect(patterns + [re.escape(w) for w in WRONG_SCREENS])
            except (pexpect.TIMEOUT, pexpect.EOF) as error:
                raise CheckFailed(f"{scenario}: play stopped ({type(error).__name__})\n{table.tail()}")
            before = table.child.before or ""
            table.seen += before + (table.child.after or "")
            if index >= len(patterns):
                raise CheckFailed(f"{scenario}: the screen showed {WRONG_SCREENS[index - len(patterns)]!r}\n{table.tail()}")
            if index == 0:
                table.check(CLEAR in before, f"{scenario}: the screen is cleared before each hand-over")
                handovers += 1
                table.line()
            elif index == 1:
                table.line(REASON)
            elif index == 2:
                table.check(queue, f"{scenario}: a decision was asked for after the script's last step")
                table.line(str(queue.pop(0)))
            elif index == 3:
                table.line()
            else:
                break
        table.check(not queue, f"{scenario}: every scripted step was taken ({len(queue)} left)")
        table.check(handovers >= 3, f"{scenario}: the keyboard went round the table")
        print(f"team: {table.checks} checks passed")
        return 0
    except CheckFailed as failure:
        print(f"team: FAIL: {failure}")
        return 1
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main(argv):
    if len(argv) == 7 and argv[3] == "--play":
        return play_library(os.path.abspath(argv[1]), os.path.abspath(argv[2]), argv[4], argv[5],
                            [int(n) for n in argv[6].split(",")])
    if len(argv) != 4:
        print(__doc__)
        return 64
    binary, library, scenario = (os.path.abspath(a) for a in argv[1:])
    home = tempfile.mkdtemp(prefix="casesim-team-")
    checks = 0
    try:
        arguments = ["play", scenario, "--team", "social worker=Sam, police=Alex", "--mode", "assessment",
                     "--order", "written"]
        table = Table(binary, library, arguments, home)
        table.expect("Press Enter to begin, or type 'back' to return: ", "the content note")
        table.line()
        table.hand_over("Sam", "social worker")
        table.take(1, "Sam")  # reads the front door's note
        table.hand_over("Alex", "police officer")
        table.take(1, "Alex")  # runs the checks
        table.hand_over("Sam", "social worker")
        screen = table.expect(PLAY_PROMPT, "Sam's prompt at the front door's note", regex=True)
        table.check("Run the checks on the household" not in screen, "what Alex's screen showed is not on Sam's")
        table.line("team")
        table.expect("Alex, police officer: working on their own part of the case", "'team' says where Alex is")
        table.line("1")  # goes to the meeting, and waits there
        table.expect("because> ", "Sam's Why? question")
        table.line(REASON)
        table.hand_over("Alex", "police officer")
        table.expect("Ryan Cole was convicted of assaulting a former partner.", "the police check shows the conviction")
        table.take(1, "Alex")  # rings the chair with the conviction
        before = table.expect("Everyone is here: the meeting begins.", "the meeting is announced")
        table.check(CLEAR in before, "the screen is cleared for the meeting")
        table.expect("Sam: press Enter when you are ready.", "the chair is asked to take the keyboard")
        table.line()
        table.expect("The chair opens with the conviction.", "the meeting as the chair reads it")
        table.expect(PLAY_PROMPT, "the chair's prompt", regex=True)
        # Killed mid-meeting: nothing that was shown as taken is lost.
        table.child.kill(signal.SIGKILL)
        table.child.close(force=True)
        checks += table.checks

        resumed = Table(binary, library, ["resume"], home)
        resumed.expect("4 decisions so far", "resume lists the four decisions")
        resumed.expect("Ring the chair now with the conviction (Alex, police officer)", "each with who took it")
        resumed.expect("Everyone is here: the meeting begins.", "back at the meeting")
        resumed.line()
        resumed.expect("The chair opens with the conviction.", "the same meeting")
        resumed.line("pause")
        resumed.expect("Paused for the facilitator.", "'pause' saves and stops")
        resumed.child.expect(pexpect.EOF)
        checks += resumed.checks

        final = Table(binary, library, ["resume"], home)
        final.expect("Everyone is here: the meeting begins.", "back at the meeting after the pause")
        final.line()
        final.take(1, "Sam")
        # The ending is held until Enter, so it is read before the debrief follows it.
        final.expect("Press Enter when you have read the ending. ", "the hold after the ending")
        final.line()
        final.expect("TEAM DEBRIEF: The meeting", "the team's debrief")
        # The debrief is paged at a terminal: read on to its end.
        while True:
            index = final.child.expect([r"Enter to read on, q to stop", "Team debrief and its timeline picture saved to:",
                                        pexpect.EOF])
            final.seen += final.child.before or ""
            if index == 0:
                final.line()
                continue
            break
        final.check(index == 1, "the debrief and its picture are saved")
        final.check("Step 4: shared 'conviction' with social worker." in final.seen.replace("\r", ""),
                    "the debrief's timeline shows the share")
        checks += final.checks
    except CheckFailed as failure:
        print(f"team: FAIL: {failure}")
        return 1
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(f"team: {checks} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
