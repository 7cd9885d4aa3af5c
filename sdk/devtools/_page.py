"""The preview's web page: a canvas fed by the WebSocket, the keyboard sent back.

Frames arrive as binary messages (`_preview.frame_message`): a frame number
and the PNG tiles of the damaged areas, drawn in order onto a canvas of the
app's size (scaled by CSS to fit the window). Text messages are JSON status
lines (`{"status": ...}`, shown under the canvas). Keys go out as JSON
`{"key": NAME, "action": "down"|"repeat"|"up"}` with the runtime's names.

`window.marquee` is for tests and the benchmark: `frames` (messages drawn),
`lastKeyAt`, and `latencies` (ms from a keydown to the first frame drawn
after it).
"""

from __future__ import annotations

__all__ = ["PAGE"]

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Marquee preview - __TITLE__</title>
<style>
  html, body { margin: 0; height: 100%; background: #0b0c10; color: #c9ccd3;
               font: 14px system-ui, sans-serif; }
  main { display: flex; flex-direction: column; align-items: center; justify-content: center;
         height: 100%; gap: 8px; }
  canvas { max-width: 96vw; max-height: 88vh; background: #000; outline: none;
           box-shadow: 0 0 0 1px #2a2d35; }
  #status { opacity: .75 }
  kbd { border: 1px solid #555; border-radius: 3px; padding: 0 4px; }
</style>
</head>
<body>
<main>
  <canvas id="screen" width="__WIDTH__" height="__HEIGHT__" tabindex="0"></canvas>
  <div id="status">connecting... <kbd>arrows</kbd> move, <kbd>Enter</kbd> select,
    <kbd>Esc</kbd> back, <kbd>m</kbd> menu, <kbd>space</kbd> play/pause, <kbd>0-9</kbd></div>
</main>
<script>
"use strict";
const KEYS = {ArrowUp: "up", ArrowDown: "down", ArrowLeft: "left", ArrowRight: "right",
              Enter: "select", Escape: "back", Backspace: "back", m: "menu", M: "menu",
              " ": "play_pause", F1: "f1", F2: "f2", F3: "f3", F4: "f4"};
for (let d = 0; d <= 9; d++) KEYS[String(d)] = String(d);
const canvas = document.getElementById("screen");
const ctx = canvas.getContext("2d");
const statusLine = document.getElementById("status");
const state = window.marquee = {frames: 0, lastKeyAt: 0, pendingKey: false, latencies: [],
                                connected: false};
let chain = Promise.resolve();
let socket = null;

function drawFrame(buffer) {
  const view = new DataView(buffer);
  const count = view.getUint16(4, true);
  let at = 6;
  const tiles = [];
  for (let i = 0; i < count; i++) {
    const x = view.getUint16(at, true), y = view.getUint16(at + 2, true);
    const length = view.getUint32(at + 8, true);
    tiles.push([x, y, new Blob([new Uint8Array(buffer, at + 12, length)], {type: "image/png"})]);
    at += 12 + length;
  }
  // Decode in parallel, draw in order (a later frame must never be overdrawn).
  const decoded = Promise.all(tiles.map(([x, y, blob]) =>
    createImageBitmap(blob).then((bitmap) => [x, y, bitmap])));
  chain = chain.then(() => decoded).then((images) => {
    for (const [x, y, bitmap] of images) { ctx.drawImage(bitmap, x, y); bitmap.close(); }
    state.frames += 1;
    if (state.pendingKey) {
      state.pendingKey = false;
      state.latencies.push(performance.now() - state.lastKeyAt);
    }
  });
}

function connect() {
  socket = new WebSocket(`ws://${location.host}/ws`);
  socket.binaryType = "arraybuffer";
  socket.onopen = () => { state.connected = true; statusLine.firstChild.textContent = "live "; };
  socket.onclose = () => {
    state.connected = false;
    statusLine.firstChild.textContent = "disconnected, retrying... ";
    setTimeout(connect, 500);
  };
  socket.onmessage = (event) => {
    if (typeof event.data === "string") {
      const message = JSON.parse(event.data);
      if (message.status) statusLine.firstChild.textContent = message.status + " ";
    } else {
      drawFrame(event.data);
    }
  };
}

function sendKey(event, action) {
  const key = KEYS[event.key];
  if (!key || !socket || socket.readyState !== WebSocket.OPEN) return;
  event.preventDefault();
  if (action === "down") {
    if (event.repeat) action = "repeat";
    state.lastKeyAt = performance.now();
    state.pendingKey = true;
  }
  socket.send(JSON.stringify({key, action}));
}

window.addEventListener("keydown", (event) => sendKey(event, "down"));
window.addEventListener("keyup", (event) => sendKey(event, "up"));
canvas.focus();
connect();
</script>
</body>
</html>
"""
