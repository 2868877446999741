#!/usr/bin/env python3
"""Makes the host's Kafka broker reachable at its own address inside containers.

    netns_forward.py HOST:PORT PID [PID ...]

The suite's broker listens on, and advertises, 127.0.0.1:PORT of the host. A
container with a network namespace of its own (as in a pod) cannot reach the
host's loopback, and a broker reached through another address would still
send clients its advertised 127.0.0.1:PORT. So this opens a listening socket
on HOST:PORT inside the network namespace of each PID (a container's process)
and forwards every connection to HOST:PORT of the namespace it was started
in. Only the listening sockets live in the containers' namespaces; the
forwarded connections are made from the host's. Needs root (setns).

Prints "ready" once every listener is open; runs until killed.
"""
import ctypes
import os
import socket
import sys
import threading

CLONE_NEWNET = 0x40000000
_libc = ctypes.CDLL(None, use_errno=True)


def setns(fd):
    if _libc.setns(fd, CLONE_NEWNET) != 0:
        error = ctypes.get_errno()
        raise OSError(error, "setns: %s" % os.strerror(error))


def listen_in(pid, host, port):
    """A socket listening on host:port in the network namespace of pid."""
    own = os.open("/proc/self/ns/net", os.O_RDONLY)
    target = os.open("/proc/%d/ns/net" % pid, os.O_RDONLY)
    try:
        setns(target)
        try:
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind((host, port))
            listener.listen(64)
        finally:
            setns(own)
    finally:
        os.close(own)
        os.close(target)
    return listener


def pump(source, sink):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(listener, host, port):
    while True:
        inside, _ = listener.accept()
        try:
            outside = socket.create_connection((host, port), timeout=10)
            outside.settimeout(None)
        except OSError:
            inside.close()
            continue
        threading.Thread(target=pump, args=(inside, outside), daemon=True).start()
        threading.Thread(target=pump, args=(outside, inside), daemon=True).start()


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    host, _, port = argv[1].rpartition(":")
    port = int(port)
    listeners = [listen_in(int(pid), host, port) for pid in argv[2:]]
    threads = [threading.Thread(target=serve, args=(l, host, port), daemon=True) for l in listeners]
    for t in threads:
        t.start()
    print("ready", flush=True)
    for t in threads:
        t.join()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
