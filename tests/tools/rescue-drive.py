#!/usr/bin/env python3
"""Drives Debian's virt-rescue as a user at a terminal would, for tests/tools/rescue.sh.

  rescue-drive.py [--via pty|script] [--timeout S] [--escape-quit | --kill-qemu]
                  -- virt-rescue ARGS...

Commands are read from stdin, one per line (keep them shorter than the terminal's 80
columns, prompt included: a wrapped echo is not recognised). The driver waits for the rescue prompt,
types each command, waits for the next prompt, and finally types `exit` (or, with
--escape-quit, the escape sequence ^] q) and waits for virt-rescue to end. With
--kill-qemu it instead kills virt-rescue's qemu child with SIGKILL (a crashed
appliance) and waits for virt-rescue to notice. Before typing anything it also waits for
virt-rescue's "escape key" line, which it prints once it reads the terminal itself.

--via pty     virt-rescue's stdin, stdout and stderr are a pseudo-terminal this driver
              owns (python's pty module).
--via script  virt-rescue runs under util-linux `script`, whose own stdin and stdout are
              pipes this driver writes and reads: the terminal is script's.

Output: on stdout the answers, each command typed as "$ COMMAND" followed by what the
shell printed before its next prompt; the whole session (bytes virt-rescue printed,
carriage returns removed) in the file named by --transcript; on stderr a line "virt-rescue exit status N"; the driver's own exit
status is 0 when every prompt came and virt-rescue exited, 3 on a timeout (virt-rescue is
then killed with its process group).
"""
import argparse
import os
import pty
import select
import signal
import subprocess
import sys
import time

PROMPT = b"><rescue> "
READING = b"for help."


def qemu_children(pid):
    """PIDs of the qemu processes whose parent is `pid`."""
    found = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        comm = stat[stat.find(b"(") + 1:stat.rfind(b")")]
        ppid = int(stat[stat.rfind(b")") + 2:].split()[1])
        if ppid == pid and comm.startswith(b"qemu"):
            found.append(int(d))
    return found


class Session:
    def __init__(self, argv, via):
        self.out = bytearray()
        if via == "pty":
            pid, fd = pty.fork()
            if pid == 0:
                try:
                    os.execvp(argv[0], argv)
                finally:
                    os._exit(127)
            self.pid, self.rfd, self.wfd, self.proc = pid, fd, fd, None
        else:
            cmd = " ".join("'" + a.replace("'", "'\\''") + "'" for a in argv)
            self.proc = subprocess.Popen(
                ["script", "-qfec", cmd, "/dev/null"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            self.pid = self.proc.pid
            self.rfd, self.wfd = self.proc.stdout.fileno(), self.proc.stdin.fileno()
        self.eof = False

    def pump(self, deadline):
        """Reads what is available until the deadline; False at end of file."""
        left = deadline - time.monotonic()
        if left <= 0 or self.eof:
            return not self.eof
        r, _, _ = select.select([self.rfd], [], [], min(left, 0.5))
        if r:
            try:
                data = os.read(self.rfd, 65536)
            except OSError:
                data = b""
            if not data:
                self.eof = True
                return False
            self.out += data
        return True

    def wait_for(self, needle, start, deadline):
        while self.out.find(needle, start) < 0:
            if time.monotonic() >= deadline or not self.pump(deadline):
                return False
        return True

    def send(self, data):
        os.write(self.wfd, data)

    def finish(self, deadline):
        while not self.eof and time.monotonic() < deadline:
            self.pump(deadline)
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.2)
        return None

    def kill(self):
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.pid, sig)
            except OSError:
                pass
            time.sleep(1)
        try:
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def qemu_parent_candidates(pid):
    """The direct children of `pid` (script's child is virt-rescue)."""
    kids = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat", "rb") as f:
                    stat = f.read()
                if int(stat[stat.rfind(b")") + 2:].split()[1]) == pid:
                    kids.append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    return kids


def answers(text, commands):
    """Each command's echo and output, cut out of the transcript by the prompts."""
    out = []
    chunks = text.split(PROMPT.decode())[1:]
    for c in commands:
        for i, chunk in enumerate(chunks):
            # The echo is the chunk's first line, or comes after messages virt-rescue
            # printed itself (the escape-key line) when it was typed early.
            lines = chunk.split("\n")
            at = next((n for n, l in enumerate(lines) if l.strip() == c.strip()), None)
            if at is not None:
                out.append(f"$ {c}\n" + "\n".join(lines[at + 1:]))
                chunks = chunks[i + 1:]
                break
        else:
            out.append(f"$ {c}\n(no answer)\n")
    return "".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--via", choices=["pty", "script"], default="pty")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--escape-quit", action="store_true")
    ap.add_argument("--kill-qemu", action="store_true")
    ap.add_argument("--transcript", default=os.devnull)
    ap.add_argument("argv", nargs="+")
    a = ap.parse_args()
    commands = [l.rstrip("\n") for l in sys.stdin if l.strip()]
    deadline = time.monotonic() + a.timeout
    s = Session(a.argv, a.via)
    ok = s.wait_for(PROMPT, 0, deadline) and s.wait_for(READING, 0, deadline)
    for c in commands:
        if not ok:
            break
        mark = len(s.out)
        s.send(c.encode() + b"\r")
        ok = s.wait_for(PROMPT, mark, deadline)
    status = None
    if ok and a.kill_qemu:
        # Under script(1), virt-rescue is script's child.
        parents = [s.pid] + ([] if s.proc is None else qemu_parent_candidates(s.pid))
        victims = [q for p in parents for q in qemu_children(p)]
        for q in victims:
            os.kill(q, signal.SIGKILL)
        print(f"killed qemu {victims}", file=sys.stderr)
        status = s.finish(deadline)
    elif ok:
        if a.escape_quit:
            # Two keystrokes, as a person types them: virt-rescue's escape handling
            # skips the byte after ^] when both arrive in one read.
            s.send(b"\x1d")
            time.sleep(1)
            s.send(b"q")
        else:
            s.send(b"exit\r")
        status = s.finish(deadline)
    if status is None:
        s.kill()
    text = s.out.replace(b"\r", b"").decode("utf-8", "replace")
    with open(a.transcript, "w") as f:
        f.write(text)
    sys.stdout.write(answers(text, commands))
    sys.stdout.flush()
    if status is None:
        print("virt-rescue: timed out (killed)", file=sys.stderr)
        return 3
    print(f"virt-rescue exit status {status}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
