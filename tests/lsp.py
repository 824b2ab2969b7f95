"""A small Language Server Protocol client: drives the real yaml-language-server over stdio.

The server comes from npm, pinned in ``tests/editor/package.json`` (with its lock file) and
installed into ``tests/editor/node_modules`` by ``.ci/run``; ``server_command`` installs it there
itself when it is missing (``npm ci``, from the package registry).
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

LSP_DIR = ROOT / "tests" / "editor"
SERVER = LSP_DIR / "node_modules" / ".bin" / "yaml-language-server"
HANG = 60.0  # seconds: only a guard against a server that never answers
Message = dict[str, Any]


def server_command() -> list[str]:
    """The command that starts the pinned server, installing it first if needed."""
    if not SERVER.exists():
        npm = shutil.which("npm")
        assert npm, "npm is needed to install yaml-language-server (see .ci/run)"
        subprocess.run([npm, "ci", "--prefix", str(LSP_DIR), "--no-audit", "--no-fund"],
                       check=True, capture_output=True, timeout=600)
    return [str(SERVER), "--stdio"]


class LanguageServer:
    """One server process; requests wait for their answer, notifications are collected."""

    def __init__(self, command: list[str], root: Path, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, cwd=root)
        self.inbox: queue.Queue[Message | None] = queue.Queue()
        self.notes: list[Message] = []
        self.opened: set[str] = set()
        self.last_id = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.request("initialize", {
            "processId": os.getpid(), "rootUri": root.as_uri(),
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            "capabilities": {
                "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]},
                                 "completion": {"completionItem": {"snippetSupport": True}},
                                 "publishDiagnostics": {}},
                "workspace": {"configuration": True, "workspaceFolders": True}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    # -- protocol ---------------------------------------------------------------------------
    def _send(self, message: Message) -> None:
        assert self.process.stdin is not None
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                header = stream.readline()
                if not header:
                    self.inbox.put(None)
                    return
                if not header.strip():
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message: Message = json.loads(stream.read(length))
            if "method" in message and "id" in message:  # a request from the server
                self._send({"id": message["id"], "result": self._answer(message)})
            else:
                self.inbox.put(message)

    def _answer(self, request: Message) -> Any:
        if request["method"] == "workspace/configuration":
            return [self.settings.get(item.get("section", ""), None)
                    for item in request["params"]["items"]]
        return None

    def _next(self) -> Message:
        message = self.inbox.get(timeout=HANG)
        if message is None:
            raise RuntimeError("yaml-language-server stopped")
        return message

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.last_id += 1
        wanted = self.last_id
        self._send({"id": wanted, "method": method, "params": params})
        while True:
            message = self._next()
            if message.get("id") == wanted:
                assert "error" not in message, message
                return message.get("result")
            self.notes.append(message)

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def wait_for(self, wanted: Callable[[Message], bool]) -> Message:
        for index, message in enumerate(self.notes):
            if wanted(message):
                return self.notes.pop(index)
        while True:
            message = self._next()
            if wanted(message):
                return message
            self.notes.append(message)

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=HANG)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=HANG)
            self.reader.join(timeout=HANG)
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()

    # -- editor actions ---------------------------------------------------------------------
    def open(self, path: Path) -> list[Message]:
        """Open a file as an editor would; the diagnostics the server publishes for it."""
        uri = path.resolve().as_uri()
        if uri in self.opened:  # the editor's next version of the file
            self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        self.opened.add(uri)
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1,
            "text": path.read_text(encoding="utf-8")}})
        note = self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == uri)
        diagnostics: list[Message] = note["params"]["diagnostics"]
        return diagnostics

    def ensure_open(self, path: Path) -> None:
        if path.resolve().as_uri() not in self.opened:
            self.open(path)

    def hover(self, path: Path, line: int, character: int) -> str:
        self.ensure_open(path)
        result = self.request("textDocument/hover", {
            "textDocument": {"uri": path.resolve().as_uri()},
            "position": {"line": line, "character": character}})
        contents = (result or {}).get("contents", "")
        return str(contents.get("value", "") if isinstance(contents, dict) else contents)

    def completion(self, path: Path, line: int, character: int) -> list[Message]:
        self.ensure_open(path)
        result = self.request("textDocument/completion", {
            "textDocument": {"uri": path.resolve().as_uri()},
            "position": {"line": line, "character": character}})
        items: list[Message] = result.get("items", []) if isinstance(result, dict) else (
            result or [])
        return items
