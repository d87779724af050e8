// The page of the ortc4j server example: sends the camera and microphone to the server's peer
// connection (one POST /offer, no trickle), shows what comes back, pings over a data channel and
// reports, over that channel, how many frames of the returned video it decoded.
'use strict';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

let pc = null;
let dc = null;
let timers = [];

function showError(e) {
    $('error').textContent += String(e) + '\n';
    console.error(e);
}

function logChannel(line) {
    $('data-channel').textContent += line + '\n';
}

function createPeerConnection() {
    const config = {};
    if ($('use-stun').checked) {
        config.iceServers = [{urls: ['stun:stun.l.google.com:19302']}];
    }
    const peer = new RTCPeerConnection(config);
    const trace = (name, read) => {
        $(name).textContent = read();
        return () => { $(name).textContent += ' -> ' + read(); };
    };
    peer.addEventListener('icegatheringstatechange', trace('ice-gathering-state', () => peer.iceGatheringState));
    peer.addEventListener('iceconnectionstatechange', trace('ice-connection-state', () => peer.iceConnectionState));
    peer.addEventListener('signalingstatechange', trace('signaling-state', () => peer.signalingState));
    peer.addEventListener('track', (event) => {
        const element = event.track.kind === 'video' ? $('video') : $('audio');
        element.srcObject = event.streams[0] || new MediaStream([event.track]);
    });
    return peer;
}

// Non-trickle, as the server answers once: wait until every candidate is in the offer.
function gatheringComplete(peer) {
    return new Promise((resolve) => {
        if (peer.iceGatheringState === 'complete') {
            resolve();
            return;
        }
        const check = () => {
            if (peer.iceGatheringState === 'complete') {
                peer.removeEventListener('icegatheringstatechange', check);
                resolve();
            }
        };
        peer.addEventListener('icegatheringstatechange', check);
    });
}

async function negotiate() {
    await pc.setLocalDescription(await pc.createOffer());
    await gatheringComplete(pc);
    let sdp = pc.localDescription.sdp;
    if ($('audio-codec').value !== 'default') {
        sdp = keepCodec(sdp, 'audio', $('audio-codec').value);
    }
    if ($('video-codec').value !== 'default') {
        sdp = keepCodec(sdp, 'video', $('video-codec').value);
    }
    $('offer-sdp').textContent = sdp;
    const response = await fetch('/offer', {
        method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({sdp: sdp, type: 'offer', video_transform: $('video-transform').value}),
    });
    if (!response.ok) {
        throw new Error('the server refused the offer: ' + response.status + ' ' + await response.text());
    }
    const answer = await response.json();
    $('answer-sdp').textContent = answer.sdp;
    await pc.setRemoteDescription(answer);
}

function openChat() {
    const started = performance.now();
    const now = () => Math.round(performance.now() - started);
    dc = pc.createDataChannel('chat', JSON.parse($('datachannel-parameters').value));
    dc.addEventListener('open', () => {
        logChannel('- open');
        timers.push(setInterval(() => {
            const message = 'ping ' + now();
            logChannel('> ' + message);
            dc.send(message);
        }, 1000));
        timers.push(setInterval(reportDecodedVideo, 1000));
    });
    dc.addEventListener('close', () => logChannel('- close'));
    dc.addEventListener('message', (event) => {
        logChannel('< ' + event.data);
        if (typeof event.data === 'string' && event.data.startsWith('pong ')) {
            logChannel(' RTT ' + (now() - parseInt(event.data.substring(5), 10)) + ' ms');
        }
    });
}

// Mean brightness (0..255) of what a video element shows, from a small copy of it on a canvas;
// -1 before its first frame. Edges come back dark, a cartoon flat: a number to compare with the
// camera's.
const sampler = document.createElement('canvas');
sampler.width = 64;
sampler.height = 48;
function brightness(video) {
    if (!video.videoWidth) {
        return -1;
    }
    const context = sampler.getContext('2d', {willReadFrequently: true});
    context.drawImage(video, 0, 0, sampler.width, sampler.height);
    const pixels = context.getImageData(0, 0, sampler.width, sampler.height).data;
    let sum = 0;
    for (let i = 0; i < pixels.length; i += 4) {
        sum += 0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2];
    }
    return Math.round(sum / (pixels.length / 4));
}

// The returned video as the browser's getStats sees it (W3C webrtc-stats inbound-rtp), with the
// brightness of it and of the camera, shown here and told to the server, which logs it:
// "decoded <framesDecoded> <width>x<height> <brightness back> <brightness of the camera>".
async function reportDecodedVideo() {
    const stats = await pc.getStats();
    stats.forEach((entry) => {
        if (entry.type === 'inbound-rtp' && entry.kind === 'video' && entry.framesDecoded !== undefined) {
            const size = (entry.frameWidth || 0) + 'x' + (entry.frameHeight || 0);
            const back = brightness($('video'));
            const camera = brightness($('local'));
            $('video-stats').textContent = entry.framesDecoded + ' frames decoded, ' + size
                + ', brightness ' + back + ' (camera ' + camera + ')';
            if (dc && dc.readyState === 'open') {
                dc.send('decoded ' + entry.framesDecoded + ' ' + size + ' ' + back + ' ' + camera);
            }
        }
    });
}

async function start() {
    $('start').style.display = 'none';
    $('stop').style.display = 'inline-block';
    pc = createPeerConnection();
    if ($('use-datachannel').checked) {
        openChat();
    }
    const constraints = {audio: $('use-audio').checked, video: false};
    if ($('use-video').checked) {
        const video = {};
        const resolution = $('video-resolution').value;
        if (resolution) {
            const [width, height] = resolution.split('x').map((n) => parseInt(n, 10));
            video.width = width;
            video.height = height;
        }
        constraints.video = Object.keys(video).length ? video : true;
        $('media').style.display = 'block';
    }
    if (constraints.audio || constraints.video) {
        const stream = await navigator.mediaDevices.getUserMedia(constraints);
        stream.getTracks().forEach((track) => pc.addTrack(track, stream));
        if (constraints.video) {
            $('local').srcObject = stream;
        }
    }
    await negotiate();
}

function stop() {
    $('stop').style.display = 'none';
    timers.forEach(clearInterval);
    timers = [];
    if (dc) {
        dc.close();
    }
    pc.getTransceivers().forEach((transceiver) => transceiver.stop());
    pc.getSenders().forEach((sender) => sender.track && sender.track.stop());
    setTimeout(() => pc.close(), 500);
}

// Keeps only `codec` (an rtpmap name such as VP8/90000) and its RTX in the `kind` section.
function keepCodec(sdp, kind, codec) {
    const lines = sdp.split('\r\n');
    const inKind = [];
    let current = false;
    for (const line of lines) {
        if (line.startsWith('m=')) {
            current = line.startsWith('m=' + kind + ' ');
        }
        inKind.push(current);
    }
    const kept = new Set();
    lines.forEach((line, i) => {
        const rtpmap = line.match(/^a=rtpmap:(\d+) (.*)$/);
        if (inKind[i] && rtpmap && rtpmap[2].toLowerCase().startsWith(codec.toLowerCase())) {
            kept.add(rtpmap[1]);
        }
    });
    lines.forEach((line, i) => {
        const rtx = line.match(/^a=fmtp:(\d+) apt=(\d+)$/);
        if (inKind[i] && rtx && kept.has(rtx[2])) {
            kept.add(rtx[1]);
        }
    });
    const out = [];
    lines.forEach((line, i) => {
        const attribute = line.match(/^a=(rtpmap|fmtp|rtcp-fb):(\d+)/);
        if (inKind[i] && attribute && !kept.has(attribute[2])) {
            return;
        }
        if (inKind[i] && line.startsWith('m=' + kind + ' ')) {
            const words = line.split(' ');
            out.push(words.slice(0, 3).concat(words.slice(3).filter((pt) => kept.has(pt))).join(' '));
        } else {
            out.push(line);
        }
    });
    return out.join('\r\n');
}

// ?start=1&transform=edges&audio=1&video=1&resolution=320x240&codec=VP8/90000
function applyAddressOptions() {
    const select = (id, value) => {
        if (value !== null && [...$(id).options].some((o) => o.value === value)) {
            $(id).value = value;
        }
    };
    select('video-transform', params.get('transform'));
    select('video-resolution', params.get('resolution'));
    select('video-codec', params.get('codec'));
    select('audio-codec', params.get('audioCodec'));
    if (params.has('audio')) {
        $('use-audio').checked = params.get('audio') === '1';
    }
    if (params.has('video')) {
        $('use-video').checked = params.get('video') === '1';
    }
}

$('start').addEventListener('click', () => start().catch(showError));
$('stop').addEventListener('click', stop);
applyAddressOptions();
if (params.get('start') === '1') {
    start().catch(showError);
}
