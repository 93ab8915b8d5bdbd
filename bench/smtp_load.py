#!/usr/bin/env python3
"""smtp_load.py -- email ingestion benchmark: messages per second from SMTP DATA to a committed,
threaded ticket message.

Rapport answers 250 only after the message is stored and processed (threaded into a ticket), so the
time from sending DATA to the 250 is the whole pipeline. Messages come from ../shared/bench/gen-mails.py.

    python3 ../shared/bench/gen-mails.py /tmp/mails --count 2000 --seed 1
    python3 bench/smtp_load.py /tmp/mails --port 2525 --concurrency 8 [--warmup 200]

Each worker keeps one SMTP connection and sends its share of the files in file order (replies come at
least --min-gap messages after their parent in the set, so parents are in by then). Loopback only.
"""
import argparse, os, smtplib, statistics, sys, threading, time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=200, help="messages sent first, not measured")
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("loopback only")

    files = sorted(f for f in os.listdir(args.directory) if f.endswith(".eml"))
    messages = [open(os.path.join(args.directory, f), "rb").read() for f in files]
    warmup, measured = messages[: args.warmup], messages[args.warmup :]

    def run(batch, latencies, errors):
        lock = threading.Lock()
        position = [0]

        def worker():
            client = smtplib.SMTP(args.host, args.port, timeout=60)
            while True:
                with lock:
                    if position[0] >= len(batch):
                        break
                    raw = batch[position[0]]
                    position[0] += 1
                started = time.perf_counter()
                try:
                    refused = client.sendmail("customer@example.net", ["support@acme.example"], raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
                    if refused:
                        errors.append(str(refused))
                except Exception as e:  # keep going: an error is counted, not fatal
                    errors.append(repr(e))
                    client = smtplib.SMTP(args.host, args.port, timeout=60)
                latencies.append(time.perf_counter() - started)
            client.quit()

        threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
        began = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.perf_counter() - began

    run(warmup, [], [])
    latencies, errors = [], []
    elapsed = run(measured, latencies, errors)
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    size = sum(len(m) for m in measured) / max(1, len(measured)) / 1024
    print(f"messages={len(measured)} avg_size={size:.1f}KB concurrency={args.concurrency} elapsed={elapsed:.1f}s "
          f"throughput={len(measured) / elapsed:.1f} msg/s p50={p(0.5):.1f}ms p99={p(0.99):.1f}ms errors={len(errors)}")
    for e in errors[:3]:
        print("error:", e)
    print()
    print("| messages | concurrency | msg/s | p50 ms | p99 ms | errors |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(f"| {len(measured)} | {args.concurrency} | {len(measured) / elapsed:.1f} | {p(0.5):.1f} | {p(0.99):.1f} | {len(errors)} |")


if __name__ == "__main__":
    main()
