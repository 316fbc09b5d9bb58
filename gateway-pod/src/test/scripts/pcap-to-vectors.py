#!/usr/bin/env python3
"""Turns a capture of an interop test into test vectors (src/test/resources/vectors/, read by testing.Vectors).

    pcap-to-vectors.py gre CALL.pcap PEER_ADDRESS PEER_NAME OUR_NAME > vectors/ppp/NAME.hex
    pcap-to-vectors.py control CALL.pcap > control.hex

The interop scenarios leave CALL.pcap in their run directory (target/interop/<run>/.../call.pcap, written by
PacketCapture). 'gre' writes one vector per GRE packet (enhanced GRE header and PPP frame, the IPv4 header removed),
named by sender, protocol and code (pppd-lcp-configure-request, pptpgw-chap-success, pppd-mppe-2, ...); 'control'
writes one per PPTP control message (TCP 1723 payload, named packet-N: rename the ones you keep). Each vector carries
tcpdump's decoding as its comment. Write the file's header comment (what ran, versions, the peer's own log) by hand.
"""
import re
import struct
import subprocess
import sys

LCP_CODES = {1: 'configure-request', 2: 'configure-ack', 3: 'configure-nak', 4: 'configure-reject',
             5: 'terminate-request', 6: 'terminate-ack', 7: 'code-reject', 8: 'protocol-reject',
             9: 'echo-request', 10: 'echo-reply', 11: 'discard-request', 14: 'reset-request', 15: 'reset-ack'}
CHAP_CODES = {1: 'challenge', 2: 'response', 3: 'success', 4: 'failure'}
PROTOCOLS = {0x00fd: 'mppe', 0xc021: 'lcp', 0xc223: 'chap', 0x8021: 'ipcp', 0x80fd: 'ccp', 0x8057: 'ipv6cp'}


def ip_packets(path):
    """The IPv4 packets of a pcap file (Ethernet or raw), in order."""
    data = open(path, 'rb').read()
    if struct.unpack('<I', data[:4])[0] not in (0xa1b2c3d4, 0xa1b23c4d):
        sys.exit(path + ': not a little-endian pcap file')
    link_type = struct.unpack('<I', data[20:24])[0]
    offset = 24
    while offset < len(data):
        length = struct.unpack('<I', data[offset + 8:offset + 12])[0]
        frame = data[offset + 16:offset + 16 + length]
        offset += 16 + length
        yield frame[14:] if link_type == 1 else frame


def tcpdump_blocks(path, bpf):
    """tcpdump -v's decoding of each packet matching bpf, as a list of lines per packet."""
    text = subprocess.run(['tcpdump', '-nn', '-v', '-r', path, bpf], capture_output=True, text=True).stdout
    blocks = []
    for line in text.splitlines():
        if line[:1].isdigit():
            blocks.append([])
        blocks[-1].append(line.rstrip())
    return blocks


def hex_lines(payload):
    digits = payload.hex()
    return [' '.join(digits[i:i + 64][j:j + 4] for j in range(0, len(digits[i:i + 64]), 4))
            for i in range(0, len(digits), 64)]


def gre_name(payload, sender):
    s_bit, a_bit = payload[0] & 0x10, payload[1] & 0x80
    ppp = payload[8 + (4 if s_bit else 0) + (4 if a_bit else 0):]
    if not ppp:
        return sender + '-gre-acknowledgement'
    if ppp[:2] == b'\xff\x03':
        ppp = ppp[2:]
    protocol, ppp = (ppp[0], ppp[1:]) if ppp[0] & 1 else ((ppp[0] << 8) | ppp[1], ppp[2:])
    name = PROTOCOLS.get(protocol, 'protocol-%04x' % protocol)
    if protocol == 0x00fd or protocol not in PROTOCOLS:
        return sender + '-' + name
    codes = CHAP_CODES if protocol == 0xc223 else LCP_CODES
    return '%s-%s-%s' % (sender, name, codes.get(ppp[0], 'code-%d' % ppp[0]))


def main():
    mode, path = sys.argv[1], sys.argv[2]
    seen = {}
    if mode == 'gre':
        peer_address, peer_name, our_name = sys.argv[3:6]
        blocks = tcpdump_blocks(path, 'ip proto 47')
        packets = [p for p in ip_packets(path) if p[9] == 47]
    elif mode == 'control':
        blocks = tcpdump_blocks(path, 'tcp port 1723 and (tcp[tcpflags] & tcp-push != 0)')
        packets = [p for p in ip_packets(path) if p[9] == 6 and len(p) > (p[0] & 15) * 4 + (p[(p[0] & 15) * 4 + 12] >> 4) * 4]
    else:
        sys.exit('mode is gre or control')
    for index, (packet, block) in enumerate(zip(packets, blocks), start=1):
        payload = packet[(packet[0] & 15) * 4:]
        if mode == 'gre':
            source = '.'.join(str(octet) for octet in packet[12:16])
            name = gre_name(payload, peer_name if source == peer_address else our_name)
        else:
            payload = payload[(payload[12] >> 4) * 4:]
            name = 'packet-%d' % index
        seen[name] = seen.get(name, 0) + 1
        print('## ' + name + ('-%d' % seen[name] if seen[name] > 1 else ''))
        print('\n'.join('# ' + line for line in block))
        print('\n'.join(hex_lines(payload)))
        print()


if __name__ == '__main__':
    main()
