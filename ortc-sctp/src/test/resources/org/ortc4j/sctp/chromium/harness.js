'use strict';
// The part every test page driven by ChromiumPeer.java shares, served by ChromiumPeer as
// /harness.js: a page loads it, defines its command handlers and calls harness.run(handlers).
//
// Protocol: commands come from a long poll of GET /commands?page=<id>, events go in order,
// batched, to POST /events with this load's id; "ready" first, then "done" or "error" after each
// command. Each load of the page has its own id: the test serves commands only to the newest load
// and ignores events from older ones (after a reload, a dying load may still poll or post).
const harness = (() => {
  const page = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const outbox = [];
  let posting = false;

  function post(event) {
    outbox.push(event);
    flush();
  }

  async function flush() {
    if (posting) return;
    posting = true;
    while (outbox.length > 0) {
      const batch = outbox.splice(0, outbox.length);
      for (;;) {
        try {
          await fetch('/events', {method: 'POST', body: JSON.stringify({page: page, events: batch})});
          break;
        } catch (e) {
          await new Promise(r => setTimeout(r, 50));
        }
      }
    }
    posting = false;
  }

  async function run(handlers) {
    post({ev: 'ready', page: page, userAgent: navigator.userAgent});
    for (;;) {
      let commands;
      try {
        const response = await fetch('/commands?page=' + page);
        commands = await response.json();
      } catch (e) {
        await new Promise(r => setTimeout(r, 100));
        continue;
      }
      for (const c of commands) {
        try {
          const handler = handlers[c.cmd];
          if (!handler) throw new Error('unknown command ' + c.cmd);
          await handler(c);
          post({ev: 'done', cmd: c.cmd, label: c.label});
        } catch (e) {
          post({ev: 'error', cmd: c.cmd, label: c.label, message: String(e)});
        }
      }
    }
  }

  // The reload command: closes the page's peer connection and loads the page afresh; the
  // returned promise never settles, so this load runs no more commands.
  function reload(pc) {
    if (pc) pc.close();
    location.reload();
    return new Promise(() => {});
  }

  function gatheringComplete(pc) {
    if (pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise(resolve => {
      const check = () => {
        if (pc.iceGatheringState === 'complete') {
          pc.removeEventListener('icegatheringstatechange', check);
          resolve();
        }
      };
      pc.addEventListener('icegatheringstatechange', check);
    });
  }

  // Non-trickle signaling: our offer, posted once gathering is complete.
  async function offer(pc) {
    await pc.setLocalDescription();
    await gatheringComplete(pc);
    post({ev: 'offer', sdp: pc.localDescription.sdp});
  }

  // A remote description ({type, sdp}); an offer is answered once gathering is complete.
  async function remote(pc, c) {
    await pc.setRemoteDescription({type: c.type, sdp: c.sdp});
    if (c.type === 'offer') {
      await pc.setLocalDescription();
      await gatheringComplete(pc);
      post({ev: 'answer', sdp: pc.localDescription.sdp});
    } else {
      post({ev: 'remoteSet'});
    }
  }

  // pc.getStats() entries whose type is one of types (an empty list when there is no pc).
  async function stats(pc, types) {
    const out = [];
    if (pc) (await pc.getStats()).forEach(s => { if (types.includes(s.type)) out.push(s); });
    return out;
  }

  function toBase64(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s);
  }

  function fromBase64(text) {
    const s = atob(text);
    const bytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    return bytes;
  }

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer)).map(b => b.toString(16).padStart(2, '0')).join('');
  }

  // The same patterns as the Java tests' pattern/textPattern (ChromiumDataChannelTest in
  // ortc-sctp, ChromiumPcSession in ortc-peerconnection).
  function pattern(length, seed) {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = (i * 7 + seed) & 0xff;
    return bytes;
  }

  function textPattern(length, seed) {
    const chars = new Array(length);
    for (let i = 0; i < length; i++) chars[i] = String.fromCharCode(97 + (i * 7 + seed) % 26);
    return chars.join('');
  }

  function channelInfo(ch) {
    return {label: ch.label, id: ch.id, protocol: ch.protocol, ordered: ch.ordered,
            maxRetransmits: ch.maxRetransmits, maxPacketLifeTime: ch.maxPacketLifeTime,
            negotiated: ch.negotiated, readyState: ch.readyState, priority: ch.priority};
  }

  // A data channel as the data-channel tests watch it: open/closing/close/error events, every
  // message reported in receive order (content up to 1 KiB, a SHA-256 digest event after larger
  // ones), echoed back while ch.echo is on. channels maps label -> channel.
  function watchChannel(ch, channels) {
    channels.set(ch.label, ch);
    ch.binaryType = 'arraybuffer';
    ch.echo = false;
    let seq = 0;
    ch.onopen = () => post(Object.assign({ev: 'open'}, channelInfo(ch)));
    ch.onclosing = () => post({ev: 'closing', label: ch.label});
    ch.onclose = () => post({ev: 'close', label: ch.label});
    ch.onerror = e => post({ev: 'error', label: ch.label,
                            message: e.error ? e.error.errorDetail + ': ' + e.error.message : String(e)});
    ch.onmessage = async e => {
      const n = seq++;
      if (ch.echo) ch.send(e.data);
      const binary = typeof e.data !== 'string';
      const bytes = binary ? new Uint8Array(e.data) : new TextEncoder().encode(e.data);
      const event = {ev: 'message', label: ch.label, seq: n, binary: binary, length: bytes.length};
      if (bytes.length <= 1024) {
        if (binary) event.base64 = toBase64(bytes); else event.text = e.data;
      }
      // Kept in receive order: post now, the digest follows as its own event.
      post(event);
      if (bytes.length > 1024) {
        const digest = hex(await crypto.subtle.digest('SHA-256', bytes));
        post({ev: 'digest', label: ch.label, seq: n, sha256: digest});
      }
    };
  }

  // The channel commands of the data-channel pages, on channels (label -> channel).
  function channelHandlers(channels) {
    return {
      echo(c) {
        channels.get(c.label).echo = c.on;
      },
      sendText(c) {
        channels.get(c.label).send(c.text);
      },
      sendBinary(c) {
        channels.get(c.label).send(fromBase64(c.base64));
      },
      sendPattern(c) {
        const ch = channels.get(c.label);
        ch.send(c.binary ? pattern(c.length, c.seed) : textPattern(c.length, c.seed));
      },
      sendMany(c) {
        const ch = channels.get(c.label);
        for (let i = 0; i < c.count; i++) ch.send(c.prefix + i);
      },
      close(c) {
        channels.get(c.label).close();
      },
    };
  }

  return {page, post, run, reload, gatheringComplete, offer, remote, stats, toBase64, fromBase64, hex, pattern,
          textPattern, channelInfo, watchChannel, channelHandlers};
})();
