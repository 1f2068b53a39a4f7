#!/usr/bin/env python3
"""Records TLS 1.2 handshakes (RSA key exchange, and a few ECDHE_RSA) between `openssl s_client` and `openssl s_server`
on 127.0.0.1, for OpenSslTranscriptTest (record once, replay offline: the test needs no openssl).

Usage: python3 capture-openssl.py > openssl-captures.txt   (needs openssl 3.x on PATH)

A relay between the two records the raw bytes of each direction. The server's throwaway RSA key,
the client's key log line (CLIENT_RANDOM + master secret) and both byte streams are written as hex,
one capture per block. The test decrypts the premaster with the server key, derives the master
secret and key block with jtls, compares with the key log, opens the encrypted Finished and
application data records and checks both verify_data, and (client auth) the CertificateVerify.
For ECDHE captures the test starts from the logged master secret instead.
"""
import os, socket, subprocess, sys, tempfile, threading, time

CAPTURES = [
    # (name, openssl cipher, extended master secret, encrypt-then-mac, client auth)
    ("aes128gcm-ems", "AES128-GCM-SHA256", True, True, False),
    ("aes256gcm-ems", "AES256-GCM-SHA384", True, True, False),
    ("aes128cbcsha-etm", "AES128-SHA", True, True, False),
    ("aes256cbcsha256-mte", "AES256-SHA256", True, False, False),
    ("aes128gcm-legacy", "AES128-GCM-SHA256", False, True, False),
    ("aes128gcm-clientauth", "AES128-GCM-SHA256", True, True, True),
    # ECDHE: the premaster cannot be recovered (s_client's ephemeral key is not ours), so these
    # check the key block, the protections and the Finished from the logged master secret.
    ("ecdhe-chacha20-ems", "ECDHE-RSA-CHACHA20-POLY1305", True, True, False),
    ("ecdhe-aes256cbcsha384-etm", "ECDHE-RSA-AES256-SHA384", True, True, False),
    ("ecdhe-aes256gcm-clientauth", "ECDHE-RSA-AES256-GCM-SHA384", True, True, True),
]

def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, **kw)

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def relay(listen_port, server_port, log):
    ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", listen_port)); ls.listen(1)
    def serve():
        c, _ = ls.accept()
        s = socket.create_connection(("127.0.0.1", server_port))
        def pump(src, dst, key):
            while True:
                data = src.recv(65536)
                if not data:
                    try: dst.shutdown(socket.SHUT_WR)
                    except OSError: pass
                    return
                log[key] += data
                dst.sendall(data)
        t = threading.Thread(target=pump, args=(s, c, "s2c")); t.start()
        pump(c, s, "c2s"); t.join(); c.close(); s.close(); ls.close()
    th = threading.Thread(target=serve); th.start(); return th

def main():
    d = tempfile.mkdtemp()
    os.chdir(d)
    run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.pem", "-out", "server.crt",
         "-subj", "/CN=jtls capture server", "-days", "3650"])
    run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-keyout", "client.pem", "-out", "client.crt", "-subj", "/CN=jtls capture client", "-days", "3650"])
    server_key = run(["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", "server.pem", "-outform", "DER"]).stdout
    print("# Recorded by capture-openssl.py with " + run(["openssl", "version"]).stdout.decode().strip())
    print("server_key_pkcs8 " + server_key.hex())
    for name, cipher, ems, etm, client_auth in CAPTURES:
        opts = []
        if not ems: opts.append("-ExtendedMasterSecret")
        if not etm: opts.append("-EncryptThenMac")
        with open("client.cnf", "w") as f:
            f.write("openssl_conf = conf\n[conf]\nssl_conf = ssl\n[ssl]\nsystem_default = sys\n[sys]\n")
            if opts: f.write("Options = " + ",".join(opts) + "\n")
        sport, rport = free_port(), free_port()
        server_cmd = ["openssl", "s_server", "-accept", str(sport), "-tls1_2", "-no_ticket", "-naccept", "1",
                      "-cert", "server.crt", "-key", "server.pem", "-cipher", cipher, "-rev", "-quiet"]
        if client_auth: server_cmd += ["-Verify", "1", "-verifyCAfile", "client.crt"]
        server = subprocess.Popen(server_cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        log = {"c2s": b"", "s2c": b""}
        th = relay(rport, sport, log)
        if os.path.exists("keylog.txt"): os.remove("keylog.txt")
        client_cmd = ["openssl", "s_client", "-connect", "127.0.0.1:%d" % rport, "-tls1_2", "-cipher", cipher,
                      "-keylogfile", "keylog.txt", "-quiet", "-no_ign_eof"]
        if client_auth: client_cmd += ["-cert", "client.crt", "-key", "client.pem"]
        env = dict(os.environ, OPENSSL_CONF=os.path.join(d, "client.cnf"))
        client = subprocess.Popen(client_cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        client.stdin.write(b"hello jtls\n"); client.stdin.flush()
        time.sleep(1.0)
        client.stdin.close()
        client.wait(timeout=10); server.wait(timeout=10); th.join(timeout=10)
        keylog = [l for l in open("keylog.txt").read().splitlines() if l.startswith("CLIENT_RANDOM")]
        print("capture %s %s ems=%s etm=%s client_auth=%s" % (name, cipher, ems, etm, client_auth))
        print("keylog " + keylog[0])
        print("c2s " + log["c2s"].hex())
        print("s2c " + log["s2c"].hex())
        print("end")

main()
