#!/usr/bin/env python3
"""Bounded shopper load for deploy/chaos.sh: browsing, cart and checkout with Idempotency-Keys.

  load.py run BASE_URL SECONDS OUT_DIR [--workers N] [--customers N] [--people FILE]
      Registers customers (each with an address; with --people, reuses those kept in FILE by an
      earlier run, less than an hour ago), then WORKERS shoppers loop until SECONDS pass
      or a file OUT_DIR/stop appears:
      mostly browsing (home, product lists, product pages), some cart adds, and checkouts of one
      unit of a product, four in ten of them paid: the shop opens the payment ("pay"), the shopper
      presses "Pay" on the gateway's page ("gateway"). A checkout that fails (no answer, 5xx, 429)
      is retried with the SAME key, as a careful client would, for up to 20 s; a payment that
      could not be made (the shop's 503, the gateway's page not answering) is owed and tried again
      every PAY_RETRY seconds, also after the load stops, for up to PAY_GIVE_UP seconds.
      Writes OUT_DIR/requests.csv (one row a request: start time, kind, status, milliseconds),
      OUT_DIR/checkouts.csv (key, final status, order id) and OUT_DIR/payments.csv (order id, first
      try, status of the first try's failure or empty, outcome paid|gave-up, when the gateway
      answered "paid", tries).
  load.py report OUT_DIR [--window FROM TO]
      Failed requests and latency (p50, p95, p99) per kind, within the window (epoch seconds).
  load.py report OUT_DIR --phases START END
      The same for before START, from START to END, after END and the whole run, in one read.

Standard library only, loopback only, bounded in time and in count: no more than WORKERS requests
in flight, no request after SECONDS.
"""
import csv, json, os, random, sys, threading, time, uuid
import urllib.request, urllib.error

TIMEOUT = 10
PAY_RETRY = 1.0
PAY_GIVE_UP = 90


def call(base, method, path, body=None, token=None, headers=None):
    """(status, parsed JSON or None, milliseconds); status 0 when no answer came."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    started = time.time()
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            raw = r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        raw, status = e.read(), e.code
    except Exception:
        return 0, None, (time.time() - started) * 1000
    ms = (time.time() - started) * 1000
    try:
        parsed = json.loads(raw) if raw and raw[:1] in (b"{", b"[") else None
    except ValueError:
        parsed = None
    return status, parsed, ms


# Throwaway accounts of one run: a fresh password each run, never one written down.
PASSWORD = uuid.uuid4().hex


def new_customer(base):
    name = "c" + uuid.uuid4().hex[:10]
    phone = "136%08d" % random.randrange(10**8)
    for _ in range(20):
        s, _, _ = call(base, "POST", "/api/v1/accounts/register", {"userName": name, "phoneNumber": phone, "password": PASSWORD})
        if s in (200, 201):
            break
        time.sleep(0.5)
    s, tok, _ = call(base, "POST", "/api/v1/accounts/token", {"login": name, "password": PASSWORD})
    token = tok["accessToken"]
    s, addr, _ = call(base, "POST", "/api/v1/accounts/me/addresses", {
        "recipient": "王芳", "phone": "13700137000", "province": "上海市", "city": "上海市", "district": "徐汇区",
        "street": "漕溪北路 1 号", "postcode": "200030"}, token)
    return token, addr["id"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the gateway's 303 back to the shop is the answer; the shop's order page is not wanted


GATEWAY = urllib.request.build_opener(NoRedirect)


def press_pay(pay_url):
    """The shopper's "Pay" on the gateway's page: (status, milliseconds); 303 means the gateway took the money."""
    req = urllib.request.Request(pay_url, data=b"outcome=pay", method="POST")
    req.add_header("Content-Type", "application/x-www-form-urlencoded")
    started = time.time()
    try:
        with GATEWAY.open(req, timeout=TIMEOUT) as r:
            r.read(); status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    except Exception:
        status = 0
    return status, (time.time() - started) * 1000


class Recorder:
    def __init__(self, out):
        self.lock = threading.Lock()
        self.requests = open(os.path.join(out, "requests.csv"), "w", newline="")
        self.checkouts = open(os.path.join(out, "checkouts.csv"), "w", newline="")
        self.payments = open(os.path.join(out, "payments.csv"), "w", newline="")
        self.rw, self.cw = csv.writer(self.requests, lineterminator="\n"), csv.writer(self.checkouts, lineterminator="\n")
        self.pw = csv.writer(self.payments, lineterminator="\n")

    def request(self, started, kind, status, ms):
        with self.lock:
            self.rw.writerow([f"{started:.3f}", kind, status, f"{ms:.1f}"])

    def checkout(self, key, status, order_id):
        with self.lock:
            self.cw.writerow([key, status, order_id or ""])
            self.checkouts.flush()

    def payment(self, owed, outcome, paid_at):
        with self.lock:
            self.pw.writerow([owed.order_id, f"{owed.first:.3f}", owed.first_failure, outcome,
                              f"{paid_at:.3f}" if paid_at else "", owed.tries])
            self.payments.flush()

    def close(self):
        self.requests.close(); self.checkouts.close(); self.payments.close()


class Owed:
    """An order the shopper means to pay: tried now, and again while it could not be paid."""
    def __init__(self, order_id):
        self.order_id, self.first, self.first_failure, self.tries, self.due = order_id, time.time(), "", 0, 0.0


def try_to_pay(base, token, owed, rec):
    """One go at paying: True when settled for the shopper (paid, or the shop says there is nothing to pay)."""
    owed.tries += 1
    t = time.time()
    s, body, ms = call(base, "POST", "/api/v1/orders/%s/payments" % owed.order_id, None, token)
    rec.request(t, "pay", s, ms)
    if s == 201 and isinstance(body, dict) and body.get("payUrl"):
        t = time.time()
        g, ms = press_pay(body["payUrl"])
        rec.request(t, "gateway", g, ms)
        if g == 303:
            rec.payment(owed, "paid", time.time())
            return True
        s = "gateway-%d" % g
    elif s == 409 or (s != 0 and s < 500 and s != 429):
        rec.payment(owed, "refused-%s" % s, None)  # already paid, cancelled, expired: nothing to pay
        return True
    owed.first_failure = owed.first_failure or str(s)
    owed.due = time.time() + PAY_RETRY
    return False


def pay_what_is_due(base, token, owed, rec):
    for o in [o for o in owed if o.due <= time.time()]:
        if try_to_pay(base, token, o, rec):
            owed.remove(o)


def shopper(base, deadline, customer, products, rec, stop):
    token, address = customer
    owed = []
    while time.time() < deadline and not os.path.exists(stop):
        pay_what_is_due(base, token, owed, rec)
        roll = random.random()
        pid = random.choice(products)
        t = time.time()
        if roll < 0.30:
            s, _, ms = call(base, "GET", "/")
            rec.request(t, "browse", s, ms)
        elif roll < 0.50:
            s, _, ms = call(base, "GET", "/api/v1/products?page=%d&pageSize=24" % random.randint(1, 5))
            rec.request(t, "browse", s, ms)
        elif roll < 0.70:
            s, _, ms = call(base, "GET", "/products/%d" % pid)
            rec.request(t, "browse", s, ms)
        elif roll < 0.85:
            s, _, ms = call(base, "POST", "/api/v1/cart/items", {"productId": pid, "quantity": 1}, token)
            rec.request(t, "cart", s, ms)
        else:
            checkout(base, token, address, pid, rec, owed)
    # A shopper who could not pay comes back to pay, also once the browsing is over.
    give_up = time.time() + PAY_GIVE_UP
    while owed and time.time() < give_up:
        pay_what_is_due(base, token, owed, rec)
        time.sleep(0.2)
    for o in owed:
        rec.payment(o, "gave-up", None)


def checkout(base, token, address, pid, rec, owed):
    """One order, retried with its key until an answer that is not a failure (or 20 s pass)."""
    key = str(uuid.uuid4())
    give_up = time.time() + 20
    while True:
        t = time.time()
        s, body, ms = call(base, "POST", "/api/v1/orders", {"items": [{"productId": pid, "quantity": 1}], "addressId": address},
                           token, {"Idempotency-Key": key})
        rec.request(t, "checkout", s, ms)
        if s not in (0, 429) and s < 500:
            order_id = body.get("id") if isinstance(body, dict) else None
            rec.checkout(key, s, order_id)
            if order_id and random.random() < 0.4:
                o = Owed(order_id)
                if not try_to_pay(base, token, o, rec):
                    owed.append(o)
            return
        if time.time() > give_up:
            rec.checkout(key, s, None)
            return
        time.sleep(0.5)


def customers_for(base, count, kept):
    """Registered side by side; with --people FILE, kept there and used again by the next run (a token lasts an hour)."""
    if kept and os.path.exists(kept):
        people = [tuple(p) for p in json.load(open(kept))]
        if len(people) >= count:
            return people[:count]
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=count) as pool:
        people = list(pool.map(lambda _: new_customer(base), range(count)))
    if kept:
        with open(kept, "w") as f:
            json.dump(people, f)
    return people


def run(base, seconds, out, workers=8, customers=8, kept=None):
    os.makedirs(out, exist_ok=True)
    s, page, _ = call(base, "GET", "/api/v1/products?pageSize=48")
    items = page.get("items") if isinstance(page, dict) else page
    products = [p["id"] for p in items]
    people = customers_for(base, customers, kept)
    rec = Recorder(out)
    deadline = time.time() + seconds
    threads = [threading.Thread(target=shopper, args=(base, deadline, people[i % len(people)], products, rec, os.path.join(out, "stop")),
                                daemon=True)
               for i in range(workers)]
    for th in threads: th.start()
    for th in threads: th.join(seconds + PAY_GIVE_UP + 60)
    rec.close()


def pct(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def report(out, window=None):
    rows = list(csv.reader(open(os.path.join(out, "requests.csv"))))
    print_kinds(rows, window)


def print_kinds(rows, window=None, indent=""):
    kinds = {}
    for started, kind, status, ms in rows:
        if window and not (window[0] <= float(started) < window[1]):
            continue
        k = kinds.setdefault(kind, {"n": 0, "failed": 0, "ms": []})
        k["n"] += 1
        status = int(status)
        # A 409/422 is the shop's answer (sold out, bad input), not a failure of the cluster.
        if status == 0 or status >= 500 or status == 429:
            k["failed"] += 1
        k["ms"].append(float(ms))
    for kind, k in sorted(kinds.items()):
        print("%s%-8s %6d requests %4d failed  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms" % (
            indent, kind, k["n"], k["failed"], pct(k["ms"], .5), pct(k["ms"], .95), pct(k["ms"], .99)))


def phases(out, start, end):
    """Before, during and after a fault and the whole run, from one read of the file."""
    rows = list(csv.reader(open(os.path.join(out, "requests.csv"))))
    for name, window in (("before", (0, start)), ("during", (start, end)), ("after", (end, 1e12)), ("whole", None)):
        print(name + ":")
        print_kinds(rows, window, "  ")


if __name__ == "__main__":
    a = sys.argv[1:]
    if a and a[0] == "run":
        opts = dict(zip(a[4::2], a[5::2]))
        run(a[1], float(a[2]), a[3], int(opts.get("--workers", 8)), int(opts.get("--customers", 8)), opts.get("--people"))
    elif a and a[0] == "report" and len(a) >= 5 and a[2] == "--phases":
        phases(a[1], float(a[3]), float(a[4]))
    elif a and a[0] == "report":
        report(a[1], (float(a[3]), float(a[4])) if len(a) >= 5 and a[2] == "--window" else None)
    else:
        print(__doc__); sys.exit(2)
