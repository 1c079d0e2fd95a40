#!/usr/bin/env python3
"""Plays the real `casesim` to an unsafe ending in a pseudo-terminal and checks the calm pause:
after the ending, a short calm note and the agency's support text (from the profile file under
XDG_CONFIG_HOME), then nothing more until Enter is pressed, then the debrief.

Usage: calm_pause.py CASESIM_BINARY LIBRARY_DIR CHOICES

CHOICES are the worst path's choice numbers as written (comma-separated, from the scenario's
.tests file); the scenario is played with --order written so they are the numbers on screen.
Each run uses fresh temporary XDG folders, so nothing outside them is touched.

Exits 0 and prints `pty: calm pause checked` when every check passes; on a failure prints what
was expected and the last 2000 characters of terminal output, and exits 1. Needs pexpect; exits
2 with that advice if it is missing.
"""

import io
import os
import re
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
# The shell's harness (beside this file) holds the prompts, the wrong screens and the pexpect
# import, which exits 2 with the advice when pexpect is missing.
from shell_session import (CONTENT_NOTE_PROMPT, MORE, PLAY_PROMPT, RATIONALE_PROMPT, READ_ON,
                           TIMEOUT, WRONG_SCREENS, pexpect)

ROWS, COLUMNS = 24, 80
SCENARIO = "duty-desk-friday"
PAUSE_PROMPT = "Press Enter when you are ready for the debrief. "
CALM_NOTE = "Take a moment before the debrief."
AGENCY_LINE = "Talk to Rowan Ellis, practice supervisor, on extension 2207."
RATIONALE = "I weighed what the school said against what I could check today."


def fail(message, transcript, error=None):
    print(f"pty: FAIL: {message}")
    if error is not None:
        print(f"({type(error).__name__})")
    print("----- last terminal output -----")
    print(transcript.getvalue()[-2000:])
    sys.exit(1)


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(64)
    binary, library, choices = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    home = tempfile.mkdtemp(prefix="casesim-pause-")
    transcript = io.StringIO()
    try:
        os.makedirs(os.path.join(home, "config", "casesim"))
        with open(os.path.join(home, "config", "casesim", "support.txt"), "w", encoding="utf-8") as f:
            f.write(AGENCY_LINE + "\nEmployee assistance: the number is on the staff intranet.\n")
        env = dict(os.environ)
        env.update({
            "XDG_DATA_HOME": os.path.join(home, "data"), "XDG_STATE_HOME": os.path.join(home, "state"),
            "XDG_CACHE_HOME": os.path.join(home, "cache"), "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "CASESIM_TRAINEE": "pty-trainee", "NO_COLOR": "1", "TERM": "xterm",
        })
        for key in ["CASESIM_LIBRARY", "CASESIM_STORE", "CASESIM_SUPPORT_FILE", "CASESIM_NO_READLINE", "PAGER", "LESS"]:
            env.pop(key, None)
        child = pexpect.spawn(
            binary, ["play", SCENARIO, "--library", library, "--mode", "assessment", "--order", "written"],
            cwd=library, env=env, dimensions=(ROWS, COLUMNS), encoding="utf-8",
            codec_errors="replace", timeout=TIMEOUT)
        child.logfile_read = transcript

        def expect(pattern, what, exact=True):
            try:
                if exact:
                    index = child.expect_exact([pattern] + WRONG_SCREENS)
                else:
                    index = child.expect([pattern] + [re.escape(w) for w in WRONG_SCREENS])
            except (pexpect.TIMEOUT, pexpect.EOF) as error:
                fail(f"{what}: expected to see {pattern!r}", transcript, error)
            if index != 0:
                fail(f"{what}: expected {pattern!r}, but the screen showed {WRONG_SCREENS[index - 1]!r}",
                     transcript)
            return child.before

        def read_on_until(pattern, what):
            """Waits for `pattern`, pressing Enter at each hold of a passage taller than 24 rows."""
            while True:
                try:
                    index = child.expect([pattern, READ_ON] + [re.escape(w) for w in WRONG_SCREENS])
                except (pexpect.TIMEOUT, pexpect.EOF) as error:
                    fail(f"{what}: expected to see {pattern!r}", transcript, error)
                if index == 0:
                    return
                if index > 1:
                    fail(f"{what}: expected {pattern!r}, but the screen showed {WRONG_SCREENS[index - 2]!r}",
                         transcript)
                child.send("\r")

        # At 80x24 the title, summary and content note are taller than the screen: held a
        # screenful at a time, so the summary is read before the question comes.
        read_on_until(re.escape("Intensity: high"), "the intensity beside the content note")
        read_on_until(re.escape(CONTENT_NOTE_PROMPT), "the content note's prompt")
        child.send("\r")
        for n, choice in enumerate(choices, 1):
            read_on_until(PLAY_PROMPT, f"the play prompt before decision {n}")
            child.send(choice.strip() + "\r")
            expect(RATIONALE_PROMPT, f"the why prompt after decision {n}")
            child.send(RATIONALE + "\r")
        read_on_until(re.escape("Outcome: Unsafe."), "the unsafe ending")
        # The ending is held until Enter, so the calm note does not push it off the screen.
        before = expect("Press Enter when you have read the ending. ", "the hold after the ending")
        if CALM_NOTE in before:
            fail("the calm note was shown before the ending was read", transcript)
        child.send("\r")
        expect(CALM_NOTE, "the calm note after the unsafe ending")
        expect("normal to feel affected", "the calm note's reassurance")
        expect(AGENCY_LINE, "the agency's support text from XDG_CONFIG_HOME/casesim/support.txt")
        before = expect(PAUSE_PROMPT, "the pause before the debrief")
        if "DEBRIEF" in before:
            fail("the debrief was shown before the pause", transcript)
        # Nothing more may come until Enter: the debrief waits for the trainee.
        try:
            child.expect_exact("DEBRIEF", timeout=2)
            fail("the debrief appeared without Enter being pressed", transcript)
        except pexpect.TIMEOUT:
            pass
        child.send("\r")
        expect("DEBRIEF IN BRIEF: Duty desk, Friday 16:40", "the debrief in brief after Enter")
        expect("Press Enter for the full debrief, or type 'done' to skip it: ", "the offer of the full debrief")
        child.send("\r")
        expect("DEBRIEF: Duty desk, Friday 16:40", "the full debrief after Enter")
        # The full debrief is far taller than 24 rows: the built-in pager shows a page at a time
        # (PAGER is unset here); Enter reads on to the end, and then the program exits.
        pages = 0
        while True:
            try:
                index = child.expect([MORE, pexpect.EOF])
            except pexpect.TIMEOUT as error:
                fail("expected the pager's prompt or the program's exit after the debrief", transcript, error)
            if index == 1:
                break
            pages += 1
            child.send("\r")
        if pages < 3:
            fail(f"expected the full debrief to take several pages at 80x24, it took {pages + 1}", transcript)
        child.close()
        if child.exitstatus != 0:
            fail(f"expected exit status 0, got {child.exitstatus} (signal {child.signalstatus})", transcript)
        print("pty: calm pause checked")
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
