#!/usr/bin/env python3
"""Independent checker of the rebalancer's wash-sale handling.

Usage: check_wash.py INPUT.xlsx OUTPUT.xlsx [--verbose]

Written from the workbook contract (/work/shared/WORKBOOK.md, "Wash sales") and the
README's "Decisions" only, not from the tool's source. It reads the PM's workbook
(canonical layout) and the CIO workbook the tool wrote, recomputes the wash-sale
consequences of the plan the output describes (Trades, Lots Sold), and compares:

 1. Windows: no planned buy outside Manual Trades of a family member, in any account of
    the household, within Wash Sale Days after a loss sale in a taxed account (a
    Transactions sale, or a loss sale planned earlier in this run); a manual buy inside a
    window carries a warning.
 2. Replacements and disallowance: the purchases replacing each planned loss sale
    (Transactions buys, held lots, earlier buys of the run), matched earliest acquired
    first, each share once, Transactions loss sales first; hence the disallowed loss per
    lot (Lots Sold, Wash Sale `Loss Sale` and `Disallowed` rows, Tax Impact), and the
    rule that only a manual sale or Raise Cash sells a lot at a loss while an unmatched
    replacement share exists. Manual buys inside a Transactions loss sale's window: the
    loss disallowed in proportion and added back in the selling account.
 3. The Wash Sale sheet: every loss sale listed with the last day of its window, every
    `Buy Blocked` / `Loss Sale Blocked` row backed by a real conflict, every `Disallowed`
    row's shares, amount, replacement, basis after and holding period; restated (`-W`)
    lots sold later at the adjusted basis and holding period.

 4. Each share once, whatever the reading: per purchase, the shares matched to this run's
    loss sales plus those Transactions sales took never pass what was bought; in a taxed
    account, matched shares plus shares the run sells under the lot's own ID (unadjusted
    basis) never pass what is held.

Readings of what the contract leaves open (the checker's choice first; when the book does
not agree, the other readings are tried and a NOTE says whether one agrees):
 - Lots of the same trade: what the trade sells of a lot later (Lots Sold order) is not a
   replacement, what it leaves held is ("remainder"); else "count" or "exclude" them.
   Lots Sold merges a lot relieved in several passes of one trade at its first place, so
   the split of such a row around a forced loss lot is not visible.
 - A held lot partly matched to a Transactions sale and partly sold in the run: the sold
   shares are taken from the matched ones first (README Decisions: it leaves the most
   shares free to block a loss), then from those the run matched, then from free ones;
   shares the run matches are held when it matches them, so a sale made before a match
   never sold them; else all sold shares are taken from the unmatched ones.
 - A manual buy made after a loss sale of the run (Trades order) is no replacement at the
   moment of the sale: it disallows the loss in proportion afterwards, added back to the
   sold lot's term with a `Disallowed` row (the contract's Manual buys), and the Lots Sold
   row keeps what was disallowed when the lot was sold.
 - Transactions buys larger than the held lot of their account, symbol and day (summed, when
   the day has several): the rest is a purchase no longer held; else only the lot.
 - A run's buys come after every recorded purchase of the same day, in the run's order.
 - A manual buy inside a Transactions loss sale's window disallows loss x matched / sold
   (the contract's formula) or the running-rounding part over the sale's earlier matches
   (README Decisions); either is accepted and a NOTE names the second.
 - A restated lot's holding period starts at the sold lot's Acquired, or at the
   replacement's own purchase when that is earlier (README Decisions: overlapping days are
   not counted twice, and a holding period is never shortened); the stats count where
   strict 26 USC 1223(3) tacking (the two periods added) would change its term.

Money is exact (decimal.Decimal). One line per mismatch, then a summary; exit 0 when
everything agrees, 1 otherwise (2 on usage or an unreadable book).
"""

import datetime as dt
import itertools
import re
import sys
from collections import defaultdict
from decimal import Decimal, ROUND_HALF_UP

import openpyxl

CENT = Decimal("0.01")
INF = None  # a purchase of unknown size ("any number of shares")

UNTAXED = {"ira", "roth", "401k", "403b", "sep", "simple", "hsa"}
TAXED = {"taxable", "individual", "joint", "trust", "custodial"}
# A few registrations the README's Decisions read as a type (beyond doubt).
REG_UNTAXED_WORDS = ("ira", "roth", "401", "403", "sep", "simple", "hsa", "health savings")


# ----------------------------------------------------------------------------- helpers

def norm(s):
    """Header / key matching: case, spaces, punctuation, BOM and a trailing unit ignored."""
    if s is None:
        return ""
    s = str(s).replace("\ufeff", "").strip().lower()
    s = re.sub(r"\s*(\(\$\)|\(%\)|\$|%)\s*$", "", s)
    return re.sub(r"[^a-z0-9]", "", s)


def hu(x, q=CENT):
    """Half-up (half away from zero) rounding."""
    if x is None:
        return None
    return x.quantize(q, rounding=ROUND_HALF_UP)


def dec(v):
    """A cell as a Decimal, or None when empty."""
    if v is None:
        return None
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        return Decimal(repr(v))
    if isinstance(v, Decimal):
        return v
    s = str(v).strip()
    if s in ("", "--", "-", "N/A", "n/a"):
        return None
    neg = False
    if s.startswith("(") and s.endswith(")"):
        neg, s = True, s[1:-1]
    s = s.replace("$", "").replace(",", "").replace(" ", "")
    if s.startswith("+"):
        s = s[1:]
    if s.startswith("-"):
        neg, s = (not neg), s[1:]
        s = s.replace("$", "")
    pct = s.endswith("%")
    if pct:
        s = s[:-1]
    if s.endswith("."):
        s = s[:-1]
    try:
        d = Decimal(s)
    except Exception:
        return None
    if pct:
        d = d / 100
    return -d if neg else d


EPOCH1900 = dt.date(1899, 12, 30)


def todate(v, epoch=EPOCH1900):
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return epoch + dt.timedelta(days=int(v))
    s = str(v).strip()
    if not s or s in ("--", "-", "N/A", "n/a"):
        return None
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b", s)
    if m:
        y = int(m.group(3))
        if len(m.group(3)) == 2:
            y += 2000 if y <= 68 else 1900
        return dt.date(y, int(m.group(1)), int(m.group(2)))
    m = re.match(r"^(\d{4})(\d{2})(\d{2})$", s)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def text(v):
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def fmt(v):
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v.to_integral() else str(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if v is None:
        return "(blank)"
    return str(v)


def days(n):
    return dt.timedelta(days=n)


def last_day_of_month(d):
    nxt = (d.replace(day=28) + days(4))
    return nxt - days(nxt.day)


def holding_year_end(acq):
    """The last day of a lot's holding year (contract, Term)."""
    y = acq.year + 1
    if acq == last_day_of_month(acq):
        return last_day_of_month(dt.date(y, acq.month, 1))
    try:
        return dt.date(y, acq.month, acq.day)
    except ValueError:  # 29 Feb is the last day of its month; handled above
        return last_day_of_month(dt.date(y, acq.month, 1))


def term_on(acq, trade_date):
    return "LT" if trade_date > holding_year_end(acq) else "ST"


def natkey(s):
    return [(0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.split(r"(\d+)", s or "") if t != ""]


# ----------------------------------------------------------------------------- sheets

SYN = {
    "account": {"account", "accountnumber", "account#", "accountno", "acct", "accountid"},
    "symbol": {"symbol", "ticker", "symbolcusip", "tickersymbol", "securitysymbol"},
    "lotid": {"lotid", "lot", "lotnumber"},
    "quantity": {"quantity", "shares", "qty", "qtyquantity", "units"},
    "costbasis": {"costbasis", "costbasistotal", "totalcost"},
    "unitcost": {"unitcost", "costshare", "costpershare", "averagecostbasis", "pricepaid"},
    "acquired": {"acquired", "opendate", "dateacquired", "acquisitiondate"},
    "term": {"term", "holdingperiod"},
    "household": {"household"},
    "type": {"type", "accounttype", "registration"},
    "identicalgroup": {"identicalgroup", "identical", "substantiallyidentical", "washsalegroup", "washgroup", "family"},
    "date": {"date", "tradedate", "rundate"},
    "side": {"side", "action", "transactiontype"},
    "price": {"price"},
    "realizedgain": {"realizedgain"},
    "setting": {"setting"},
    "value": {"value"},
}


def canon(h):
    n = norm(h)
    for k, names in SYN.items():
        if n in {norm(x) for x in names}:
            return k
    return n


NICE = {norm(n): n for n in (
    "Account", "Household", "Symbol", "Family", "Action", "Conflict Date", "Conflict Account", "Window Ends", "Note",
    "Quantity", "Lot ID", "Loss", "Disallowed Loss", "Replacement Account", "Replacement Symbol",
    "Replacement Basis After", "Holding Period From")}

_BOOKS = {}


class Book:
    """A workbook read once (read-only mode), its sheets kept as lists of row tuples."""

    def __init__(self, path, only=None):
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        self.epoch = wb.epoch
        self.sheets = []   # (title, visible, rows)
        for ws in wb.worksheets:
            if only is not None and ws.title not in only:
                self.sheets.append((ws.title, getattr(ws, "sheet_state", "visible") == "visible", None))
                continue
            self.sheets.append((ws.title, getattr(ws, "sheet_state", "visible") == "visible",
                                [tuple(r) for r in ws.iter_rows(values_only=True)]))
        wb.close()

    @property
    def sheetnames(self):
        return [t for t, _, _ in self.sheets]

    def rows(self, title):
        for t, _, r in self.sheets:
            if t == title:
                return r
        return None


def book(path, only=None):
    key = (path, tuple(sorted(only)) if only else None)
    if key not in _BOOKS:
        _BOOKS[key] = Book(path, only)
    return _BOOKS[key]


def find_sheet(wb, *names):
    want = {norm(n) for n in names}
    vis = [r for t, v, r in wb.sheets if norm(t) in want and v]
    if vis:
        return vis[0]
    hid = [r for t, v, r in wb.sheets if norm(t) in want]
    return hid[0] if hid else None


def read_table(ws, required=(), canonical=True):
    """Rows as dicts keyed by canonical column name; each dict has '_row'."""
    if ws is None:
        return []
    rows = ws
    hdr_i = None
    for i, r in enumerate(rows[:50]):
        keys = [canon(c) if canonical else norm(c) for c in r]
        if sum(1 for k in keys if k) >= 2 and all(q in keys for q in required):
            hdr_i = i
            break
    if hdr_i is None:
        return []
    keys = [canon(c) if canonical else norm(c) for c in rows[hdr_i]]
    out = []
    for j, r in enumerate(rows[hdr_i + 1:], start=hdr_i + 2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in r):
            continue
        d = {"_row": j}
        for k, v in zip(keys, r):
            if k and k not in d:
                d[k] = v
        out.append(d)
    return out


# ----------------------------------------------------------------------------- model

class Purchase:
    __slots__ = ("pid", "hh", "fam", "account", "symbol", "date", "qty", "kind", "lot_id",
                 "order", "matched", "basis_total", "price", "seq", "held", "txn_qty", "row",
                 "mb", "mr",   # matched shares still held: matched before the run, and in it
                 "sold_qty", "sold_basis")   # what the run's sales took of a lot, as Lots Sold wrote it

    def __init__(self, **kw):
        for k in self.__slots__:
            setattr(self, k, kw.get(k))
        if self.matched is None:
            self.matched = Decimal(0)
        self.sold_qty, self.sold_basis = Decimal(0), Decimal(0)

    def key(self):
        # a run's buy comes after every recorded purchase of its day (it is made after them)
        if self.kind == "run":   # run buys in the order the run makes them
            return (self.date, 1, "", "", [], self.seq)
        return (self.date, 0, self.account, self.symbol, natkey(self.lot_id or ""), self.order)

    def __repr__(self):
        return f"<{self.kind} {self.account} {self.symbol} {self.date} q={self.qty} lot={self.lot_id}>"


class Checker:
    def __init__(self, inp, outp, readings=None, verbose=False):
        self.inp, self.outp = inp, outp
        self.readings = readings or {}
        self.verbose = verbose
        self.problems = []   # (sheet, row, column, expected, found, note)
        self.approval_rows = []
        self.info = []
        self.stats = defaultdict(int)

    # --- reporting
    def bad(self, sheet, row, col, expected, found, note=""):
        self.problems.append((sheet, row, col, expected, found, note))

    def note(self, s):
        self.info.append(s)

    # --- input
    def load_input(self):
        wb = book(self.inp)
        epoch = EPOCH1900 if getattr(wb, "epoch", None) in (None, openpyxl.utils.datetime.WINDOWS_EPOCH) else dt.date(1904, 1, 1)
        self.epoch = epoch
        # Settings
        self.settings = {}
        for r in read_table(find_sheet(wb, "Settings"), ("setting", "value")):
            self.settings[norm(r.get("setting"))] = r.get("value")
        self.asof = todate(self.settings.get("asofdate"), epoch)
        wsd = dec(self.settings.get("washsaledays"))
        self.wdays = int(wsd) if wsd is not None else 30
        # Accounts
        self.accounts = {}      # id -> dict(hh, taxed, order)
        hh_spelling = {}
        for i, r in enumerate(read_table(find_sheet(wb, "Accounts"), ("account",))):
            a = text(r.get("account"))
            if not a:
                continue
            t = norm(r.get("type"))
            taxed = True
            if t in UNTAXED or any(w in str(r.get("type") or "").lower() for w in REG_UNTAXED_WORDS):
                taxed = False
            h = text(r.get("household"))
            hk = re.sub(r"\s+", " ", h).strip().lower()
            if hk:
                hh_spelling.setdefault(hk, h)
                hhid, hhname = "H:" + hk, hh_spelling[hk]
            else:
                hhid, hhname = "A:" + a, a
            self.accounts[a] = dict(hh=hhid, hhname=hhname, taxed=taxed, order=i)
        self.acct_by_norm = {}
        for a in self.accounts:
            self.acct_by_norm.setdefault(re.sub(r"\s+", "", a).lower(), a)
        # Securities: families
        groups = defaultdict(set)
        self.group_of = {}
        for r in read_table(find_sheet(wb, "Securities"), ("symbol",)):
            s = text(r.get("symbol")).upper()
            g = re.sub(r"\s+", " ", text(r.get("identicalgroup"))).strip().lower()
            if s and g:
                self.group_of[s] = g
                groups[g].add(s)
        self.groups = groups
        # Lots
        self.lots = {}          # (account, lot id) -> dict
        lots_rows = read_table(find_sheet(wb, "Lots", "Tax Lots", "Holdings", "Positions", "Lot Details"), ("symbol", "quantity"))
        single = next(iter(self.accounts)) if len(self.accounts) == 1 else None
        for r in lots_rows:
            a = self.acct(r.get("account")) or single
            s = text(r.get("symbol")).upper()
            if not s or not a:
                continue
            if s.endswith("**"):
                continue
            lid = text(r.get("lotid")) or f"{s}-r{r['_row']}"
            q = dec(r.get("quantity"))
            cb = dec(r.get("costbasis"))
            if cb is None:
                uc = dec(r.get("unitcost"))
                cb = hu(uc * q) if uc is not None and q is not None else None
            acq = todate(r.get("acquired"), epoch)
            if a not in self.accounts:
                self.accounts[a] = dict(hh="A:" + a, hhname=a, taxed=True, order=len(self.accounts))
            self.lots[(a, lid)] = dict(account=a, symbol=s, lot_id=lid, qty=q, basis=cb, acquired=acq,
                                       term=text(r.get("term")).upper() or None, row=r["_row"])
        # Transactions
        self.txns = []
        trows = read_table(find_sheet(wb, "Transactions"), ("date", "symbol", "side"))
        parsed = []
        for r in trows:
            side_raw = text(r.get("side"))
            sl = side_raw.lower()
            if re.search(r"short|to cover|to open|to close", sl):
                continue
            if sl in ("buy", "bought") or sl.startswith("you bought") or sl.startswith("reinvest"):
                side = "Buy"
            elif sl in ("sell", "sold") or sl.startswith("you sold"):
                side = "Sell"
            else:
                continue
            a = self.acct(r.get("account")) or single
            q = dec(r.get("quantity"))
            p = dec(r.get("price"))
            parsed.append(dict(account=a, date=todate(r.get("date"), epoch), symbol=text(r.get("symbol")).upper(),
                               side=side, qty=abs(q) if q is not None else None, price=abs(p) if p is not None else None,
                               rg=dec(r.get("realizedgain")), term=text(r.get("term")).upper() or None,
                               row=r["_row"], reinvest=sl.startswith("reinvest"), order=len(parsed)))
        # A reinvestment's cash leg (no Quantity) beside its shares row is skipped (Decisions).
        for t in parsed:
            if t["reinvest"] and t["qty"] is None and t["side"] == "Buy":
                if any(o is not t and o["side"] == "Buy" and o["qty"] is not None and o["account"] == t["account"]
                       and o["symbol"] == t["symbol"] and o["date"] == t["date"] for o in parsed):
                    continue
            self.txns.append(t)

    def acct(self, v):
        a = text(v)
        if not a:
            return None
        if a in self.accounts:
            return a
        return self.acct_by_norm.get(re.sub(r"\s+", "", a).lower(), a)

    def family(self, sym):
        g = self.group_of.get(sym)
        return frozenset(self.groups[g]) if g else frozenset([sym])

    def famkey(self, sym):
        g = self.group_of.get(sym)
        return ("G", g) if g else ("S", sym)

    def famtext(self, sym):
        return ", ".join(sorted(self.family(sym)))

    def hh(self, a):
        return self.accounts.get(a, {}).get("hh", "A:" + str(a))

    def taxed(self, a):
        return self.accounts.get(a, {}).get("taxed", True)

    # --- output
    def load_output(self):
        names = ("Summary", "Trades", "Lots Sold", "Tax Impact", "Wash Sale", "Exceptions", "Price Provenance",
                 "Audit Log")
        wb = book(self.outp, names)
        self.out = {}
        for name in names[1:]:
            ws = wb.rows(name) if name in wb.sheetnames else None
            if ws is None:
                self.bad(name, "-", "-", "sheet present", "missing")
                self.out[name] = []
                continue
            rows = read_table(ws, (), canonical=False)
            rows = [r for r in rows if not str(r.get(next(iter(k for k in r if k != "_row")), "") or "").startswith("Total")]
            self.out[name] = rows
        if self.asof is None and "Summary" in wb.sheetnames:
            for r in wb.rows("Summary") or []:
                if r and norm(r[0]) == "asof":
                    self.asof = todate(r[1])
                    break
        self.prices = {text(r.get("symbol")).upper(): dec(r.get("price")) for r in self.out["Price Provenance"]}

    # ------------------------------------------------------------------------- build
    def build_purchases(self):
        """Every purchase of the household's families (held lots, Transactions buys)."""
        self.purchases = defaultdict(list)   # (hh, famkey) -> [Purchase]
        self.lot_purchase = {}               # (account, lot id) -> Purchase
        order = itertools.count()
        for (a, lid), L in self.lots.items():
            if (L["term"] or "").startswith("INHERIT"):
                continue   # inherited, not bought: no replacement (26 USC 1091(a) counts purchases)
            p = Purchase(hh=self.hh(a), fam=self.famkey(L["symbol"]), account=a, symbol=L["symbol"],
                         date=L["acquired"], qty=L["qty"], kind="lot", lot_id=lid, order=next(order),
                         basis_total=L["basis"], held=L["qty"], row=L["row"])
            self.purchases[(p.hh, p.fam)].append(p)
            self.lot_purchase[(a, lid)] = p
        lots_by_day = defaultdict(list)
        for (a, lid), L in self.lots.items():
            if (a, lid) not in self.lot_purchase:
                continue
            lots_by_day[(a, L["symbol"], L["acquired"])].append(self.lot_purchase[(a, lid)])
        self.lots_on_day = {k: len(v) for k, v in lots_by_day.items()}   # held lots per account, symbol, day
        self.txn_buys_free = defaultdict(list)   # (account, symbol) -> Transactions buys not held
        # A day's Transactions buys of a symbol in an account, together: with a held lot of that
        # day, they are the lot, and the shares they bought beyond it were sold since.
        day_buys = defaultdict(list)
        self.unheld_price = {}   # a day of buys beyond its held lots, all at one price: that price

        def one_price(buys):
            # which of the day's shares were sold is not known: their cost is, when every buy paid one price
            prices = {b["price"] for b in buys}
            return None if len(prices) != 1 or None in prices else prices.pop()

        for t in self.txns:
            if t["side"] == "Buy" and t["date"] is not None and not (self.asof and t["date"] > self.asof):
                day_buys[(t["account"], t["symbol"], t["date"])].append(t)
        for t in self.txns:
            if t["side"] != "Buy" or t["date"] is None:
                continue
            if self.asof and t["date"] > self.asof:
                continue
            held = lots_by_day.get((t["account"], t["symbol"], t["date"]))
            if held:
                # "A Transactions buy with a held lot's account, symbol and date is that lot."
                hq = sum((p.qty for p in held), Decimal(0))
                self.stats["txn buys that are held lots"] += 1
                same_day = day_buys[(t["account"], t["symbol"], t["date"])]
                if same_day[0] is not t:
                    continue   # the day's first buy stands for them all
                bought = (None if any(b["qty"] is None for b in same_day)
                          else sum((b["qty"] for b in same_day), Decimal(0)))
                if len(same_day) > 1:
                    self.stats["days of several txn buys of a held lot's symbol (summed)"] += 1
                if bought is not None and bought > hq and self.readings.get("txn_extra", "split") == "split":
                    extra = bought - hq
                    self.stats["txn buys larger than their held lot"] += 1
                    p = Purchase(hh=self.hh(t["account"]), fam=self.famkey(t["symbol"]), account=t["account"],
                                 symbol=t["symbol"], date=t["date"], qty=extra, kind="txn", lot_id=None,
                                 order=next(order), price=one_price(same_day), row=t["row"])
                    self.purchases[(p.hh, p.fam)].append(p)
                    self.txn_buys_free[(t["account"], t["symbol"])].append(p)
                    if p.price is not None:
                        self.unheld_price[(t["account"], t["symbol"], t["date"])] = p.price
                continue
            p = Purchase(hh=self.hh(t["account"]), fam=self.famkey(t["symbol"]), account=t["account"],
                         symbol=t["symbol"], date=t["date"], qty=t["qty"], kind="txn", lot_id=None,
                         order=next(order), price=t["price"], row=t["row"])
            self.purchases[(p.hh, p.fam)].append(p)
            self.txn_buys_free[(t["account"], t["symbol"])].append(p)
        self.order = order

    # ------------------------------------------------------------------------- run
    def run(self):
        self.load_input()
        self.load_output()
        if self.asof is None:
            self.bad("Settings", "-", "As Of Date", "a date", "none found")
            return
        self.build_purchases()
        W = self.wdays
        asof = self.asof
        # README Decisions: restated shares are named `<id>-W`, `-W2`... in the order the run
        # restated them, the Wash Sale sheet's order of their Disallowed rows; the replay below
        # can meet them in another (a lot relieved in two passes is one Lots Sold row). Each
        # taxed Disallowed row's place among those of its replacement account, symbol and day,
        # queued under its sold lot too:
        self.restate_rank, self.restated_alias = defaultdict(list), {}
        seen = defaultdict(int)
        for r in self.out["Wash Sale"]:
            if text(r.get("action")) != "Disallowed" or r.get("replacementbasisafter") is None:
                continue
            k = (text(r.get("replacementaccount")), text(r.get("replacementsymbol")).upper(), todate(r.get("conflictdate")))
            up = self.unheld_price.get(k)
            if up is not None and dec(r.get("replacementbasisafter")) == \
                    hu(up * (dec(r.get("quantity")) or Decimal(0))) + (dec(r.get("disallowedloss")) or Decimal(0)):
                continue   # shares the day's buys bought beyond its held lots: sold since, nothing restated
            self.restate_rank[k + (text(r.get("account")), text(r.get("lotid")))].append(seen[k])
            seen[k] += 1

        # ---- the plan, in execution order
        trades = []
        for r in self.out["Trades"]:
            a = text(r.get("account"))
            if not a or a.startswith("Total"):
                continue
            trades.append(dict(account=a, symbol=text(r.get("symbol")).upper(), side=text(r.get("side")),
                               qty=dec(r.get("quantity")), price=dec(r.get("price")), phase=text(r.get("phase")),
                               rst=dec(r.get("realizedst")) or Decimal(0), rlt=dec(r.get("realizedlt")) or Decimal(0),
                               row=r["_row"], lots=[]))
        tindex = {(t["account"], t["symbol"], t["side"], t["phase"]): i for i, t in enumerate(trades)}
        self.lots_sold = []
        for r in self.out["Lots Sold"]:
            a = text(r.get("account"))
            if not a or a.startswith("Total"):
                continue
            ls = dict(account=a, symbol=text(r.get("symbol")).upper(), lot_id=text(r.get("lotid")),
                      acquired=todate(r.get("acquired")), qty=dec(r.get("quantity")), basis=dec(r.get("costbasis")),
                      proceeds=dec(r.get("proceeds")), gain=dec(r.get("gain")), term=text(r.get("term")),
                      disallowed=dec(r.get("disallowedloss")) or Decimal(0), phase=text(r.get("phase")),
                      realized=dec(r.get("realized")), row=r["_row"])
            self.lots_sold.append(ls)
            i = tindex.get((a, ls["symbol"], "Sell", ls["phase"]))
            if i is None:
                self.bad("Lots Sold", ls["row"], "Account/Symbol/Phase", "a Trades Sell row for it", "none")
                continue
            trades[i]["lots"].append(ls)
        self.trades = trades
        self.mark_pass_ends(trades, tindex)

        # ---- 1. Transactions loss sales (taxed accounts), matched first, earliest first
        tsales = [t for t in self.txns if t["side"] == "Sell" and t["date"] is not None
                  and (not self.asof or t["date"] <= self.asof)]
        # own purchases: each account's earliest purchases of the symbol no longer held (FIFO)
        own = {}
        by_as = defaultdict(list)
        for t in sorted(tsales, key=lambda t: (t["date"], t["order"])):
            by_as[(t["account"], t["symbol"])].append(t)
        for key, sales in by_as.items():
            buys = sorted(self.txn_buys_free.get(key, []), key=lambda p: p.key())
            used = defaultdict(Decimal)
            for s in sales:
                own[id(s)] = []
                need = s["qty"]
                if need is None:
                    continue  # a sale of unknown size is given no purchases of its own
                for p in buys:
                    if need <= 0 or p.date > s["date"]:
                        break
                    if p.qty is None:
                        own[id(s)].append((p, need))
                        need = Decimal(0)
                        break
                    room = p.qty - used[id(p)]
                    if room <= 0:
                        continue
                    take = min(room, need)
                    used[id(p)] += take
                    own[id(s)].append((p, take))
                    need -= take
        self.tloss = []   # taxed Transactions loss sales
        for t in sorted(tsales, key=lambda t: (t["date"], t["order"])):
            if not self.taxed(t["account"]):
                continue
            if t["rg"] is not None and t["rg"] >= 0:
                continue
            t["matches"] = []
            t["run_matches"] = []
            self.tloss.append(t)

        # run buys as purchases, with their place in the sequence
        for seq, tr in enumerate(trades):
            tr["seq"] = seq
            if tr["side"] == "Buy" and tr["qty"]:
                p = Purchase(hh=self.hh(tr["account"]), fam=self.famkey(tr["symbol"]), account=tr["account"],
                             symbol=tr["symbol"], date=asof, qty=tr["qty"], kind="run", lot_id=None,
                             order=next(self.order), price=tr["price"], seq=seq, held=tr["qty"], row=tr["row"])
                self.purchases[(p.hh, p.fam)].append(p)
                tr["purchase"] = p
        for lst in self.purchases.values():
            lst.sort(key=lambda p: p.key())

        for t in self.tloss:
            if t["qty"] is None:
                continue  # "a loss sale without Quantity matches nothing"
            need = t["qty"]
            ownmap = {id(p): q for p, q in own.get(id(t), [])}
            for p in self.purchases[(self.hh(t["account"]), self.famkey(t["symbol"]))]:
                if need <= 0:
                    break
                if p.date is None or p.date < t["date"] - days(W) or p.date > t["date"] + days(W):
                    continue
                if id(p) in ownmap:
                    o = ownmap[id(p)]
                    if o is None:
                        continue
                    avail = None if p.qty is None else p.qty - p.matched - o
                else:
                    avail = None if p.qty is None else p.qty - p.matched
                if avail is not None and avail <= 0:
                    continue
                take = need if avail is None else min(avail, need)
                p.matched += take
                need -= take
                t["matches"].append((p, take))
                if p.kind == "run":
                    t["run_matches"].append((p, take))

        # ---- 2. the run, in order
        # Of each held lot's or run buy's matched shares, those still held: the shares sold
        # before the run are taken to be its matched ones first (sold_matched_first); the run's
        # sales of the lot then sell the ones matched before the run first, then those matched
        # in it, then free ones. Shares the run matches are held when it matches them.
        for lst in self.purchases.values():
            for p in lst:
                if p.kind == "lot":
                    sold_before = (p.qty - p.held) if p.qty is not None and p.held is not None else Decimal(0)
                    p.mb, p.mr = max(Decimal(0), p.matched - sold_before), Decimal(0)
                elif p.kind == "run":
                    p.mb, p.mr = Decimal(0), p.matched
        self.run_loss = []          # per Lots Sold row at a loss in a taxed account
        self.restated = {}          # (account, lot id) -> dict
        sold_lots_run = defaultdict(Decimal)
        windows = defaultdict(list)  # (hh, famkey) -> [(hh, famkey, date, account, symbol, seq, source)]
        for t in self.tloss:
            w = (self.hh(t["account"]), self.famkey(t["symbol"]), t["date"], t["account"], t["symbol"], -1, "txn")
            windows[w[:2]].append(w)
        for tr, li, ls in self.run_order(trades):
            seq = tr["seq"]
            if tr["side"] == "Buy":
                self.stats["buys checked"] += 1
                self.check_buy_window(tr, windows)
                continue
            if tr["side"] == "Sell":
                later = tr["lots"][li + 1:]
                # README Decisions: a replacement lot the trade sells later is restated at the
                # moment of the sale, from what the lot holds then: the trade's later pieces of
                # it set its basis aside only when sold in the same pass (its next rows on Lots
                # Sold); its shares the trade sells at all are not replacements
                later_in_pass = later
                if self.readings.get("later_scope", "pass") == "pass":
                    # the next rows on Lots Sold, up to where the trade's pass ended (Audit Log)
                    k, done = 0, sum((x["qty"] or Decimal(0)) for x in tr["lots"][:li + 1])
                    while k < len(later) and later[k]["row"] == ls["row"] + k + 1 and done not in tr["pass_ends"]:
                        done += later[k]["qty"] or Decimal(0)
                        k += 1
                    later_in_pass = later[:k]
                a = ls["account"]
                self.stats["lots sold"] += 1
                origin = None
                L = self.lots.get((a, ls["lot_id"]))
                R = self.restated_lot(a, ls["lot_id"]) if L is None else None
                if L is None and R is None:
                    self.bad("Lots Sold", ls["row"], "Lot ID", "a lot of the Lots sheet or a restated (-W) lot",
                             ls["lot_id"])
                    continue
                if R is not None and L is None:
                    origin = R
                    self.check_restated_sale(ls, R)
                loss = ls["gain"] is not None and ls["gain"] < 0
                if loss and self.taxed(a):
                    self.stats["loss sales checked"] += 1
                    self.judge_loss_sale(tr, ls, L, origin, later, later_in_pass)
                    w = (self.hh(a), self.famkey(ls["symbol"]), asof, a, ls["symbol"], seq, "run")
                    windows[w[:2]].append(w)
                elif loss:
                    self.stats["untaxed loss sales"] += 1
                    if ls["disallowed"]:
                        self.bad("Lots Sold", ls["row"], "Disallowed Loss", Decimal(0), ls["disallowed"],
                                 f"{a} is untaxed: no wash-sale disallowance")
                elif ls["disallowed"]:
                    self.bad("Lots Sold", ls["row"], "Disallowed Loss", Decimal(0), ls["disallowed"], "not a loss")
                # relieve the lot
                p = self.lot_purchase.get((a, ls["lot_id"]))
                if p is not None and ls["qty"] is not None:
                    p.held -= ls["qty"]
                    p.sold_qty += ls["qty"]
                    p.sold_basis += ls["basis"] or Decimal(0)
                    if p.mb is not None:
                        p.mb, p.mr = self.matched_held_after(p, ls["qty"])
                    if p.held < 0:
                        self.bad("Lots Sold", ls["row"], "Quantity", f"at most {fmt(p.held + ls['qty'])} held", ls["qty"])
                if R is not None and ls["qty"] is not None:
                    R["held"] -= ls["qty"]
        # late manual buys against earlier run loss sales (Manual phase only)
        self.finish_checks()

    def mark_pass_ends(self, trades, tindex):
        """Each trade's `pass_ends`: the shares its Lots Sold rows have sold where one of its
        passes ended, from the Audit Log's `Sold` rows (a Raise Cash pass, a Rebalance cap or
        sector pass; a Rebalance trade's shares beyond those were its overweight pass's, first).
        Left empty for a trade whose logged passes do not add up to it."""
        logged = defaultdict(list)
        for r in self.out.get("Audit Log", []):
            if text(r.get("decision")) != "Sold" or text(r.get("phase")) not in ("Raise Cash", "Rebalance"):
                continue
            m = re.match(r"([\d.]+) (\S+) sold (?:for|to bring)", text(r.get("detail")))
            if m:
                logged[(text(r.get("account")), m.group(2).upper(), "Sell", text(r.get("phase")))].append(Decimal(m.group(1)))
        for t in trades:
            t["pass_ends"] = set()
        for key, qs in logged.items():
            i = tindex.get(key)
            if i is None or trades[i]["qty"] is None:
                continue
            total = trades[i]["qty"]
            if key[3] == "Rebalance" and sum(qs) < total:
                qs = [total - sum(qs)] + qs
            if sum(qs) != total:
                continue
            running = Decimal(0)
            for q in qs[:-1]:
                running += q
                trades[i]["pass_ends"].add(running)

    def run_order(self, trades):
        """The run's buys and lot sales in the order the run made them: (trade, index of the
        lot in its trade, Lots Sold row), the lot None for a buy. Trades are listed where a
        trade was first made, but a phase may sell from one position in several passes (Raise
        Cash tier by tier: unblocked lots, forced ones, then past the budget; Rebalance its
        overweights, then groups and sectors above their limits), so one trade's later pass
        can follow another trade's: an account's sales in such a phase are taken in Lots Sold
        order, which is the order they were sold (a lot relieved in two passes keeps its first
        place), at its first sale of the phase. Every phase but Harvest makes an account's
        sales before its buys, so no buy moves; Harvest, which buys a replacement after each
        loss sale, keeps Trades order."""
        sales = defaultdict(list)   # (account, phase) -> its sales' lots, in Trades order
        for t in trades:
            if t["side"] == "Sell" and t["phase"] != "Harvest":
                sales[(t["account"], t["phase"])] += [(t, li, ls) for li, ls in enumerate(t["lots"])]
        done = set()
        for tr in trades:
            if tr["side"] == "Buy":
                yield tr, None, None
                continue
            if tr["side"] != "Sell":
                continue
            if tr["phase"] == "Harvest":
                for li, ls in enumerate(tr["lots"]):
                    yield tr, li, ls
                continue
            if (tr["account"], tr["phase"]) in done:
                continue
            done.add((tr["account"], tr["phase"]))
            group = sales[(tr["account"], tr["phase"])]
            passes = sorted(group, key=lambda e: e[2]["row"])
            if [e[2]["row"] for e in passes] != [e[2]["row"] for e in group]:
                self.stats["accounts and phases whose passes interleave trades (replayed in Lots Sold order)"] += 1
            yield from passes

    # ------------------------------------------------------------------------- rule 1
    def check_buy_window(self, tr, windows):
        hh, fk, a, s = self.hh(tr["account"]), self.famkey(tr["symbol"]), tr["account"], tr["symbol"]
        hits = [w for w in windows.get((hh, fk), ()) if w[2] <= self.asof <= w[2] + days(self.wdays)
                and w[5] < tr["seq"]]
        if not hits:
            return
        w = hits[0]
        if tr["phase"] != "Manual":
            self.bad("Trades", tr["row"], "Symbol",
                     f"no buy of {self.famtext(s)} in household before {fmt(w[2] + days(self.wdays) + days(1))}",
                     f"{tr['phase']} buy of {fmt(tr['qty'])} {s} in {a}",
                     f"loss sale of {w[4]} in {w[3]} on {fmt(w[2])} ({w[6]}) opens the window")
        else:
            self.stats["manual buys inside a window"] += 1
            ok = any(("wash" in str(e.get("message", "")).lower())
                     and a in (text(e.get("where")) + " " + text(e.get("message")))
                     and s in (text(e.get("where")) + " " + text(e.get("message")))
                     for e in self.out["Exceptions"])
            if not ok:
                self.bad("Exceptions", "-", "Message", f"a warning that the manual buy of {s} in {a} is inside a window",
                         "none")
            # A manual buy after a loss sale of this run disallows it (if unmatched shares remain)
            p = tr.get("purchase")
            # what was unmatched when it was bought: a later forced sale may match the rest
            tr["unmatched_at_buy"] = None if p is None or p.qty is None else p.qty - p.matched
            for lr in self.run_loss:
                if p is None or p.qty is None:
                    break
                if lr["seq"] >= tr["seq"] or self.hh(lr["account"]) != p.hh or self.famkey(lr["symbol"]) != p.fam:
                    continue
                need = lr["qty"] - lr["m"]
                avail = p.qty - p.matched
                take = min(need, avail)
                if take > 0:
                    p.matched += take
                    if p.mr is not None:
                        p.mr += take
                    lr["m"] += take
                    lr["late"].append((p, take))
                    self.stats["manual buys disallowing a run loss sale after it"] += 1

    # ------------------------------------------------------------------------- rule 2
    def available(self, p, exclude_ids, later_q=None):
        if p.kind in ("lot", "run"):
            held = p.held if p.held is not None else p.qty
            if held is None:
                return None
            if (p.account, p.lot_id) in exclude_ids:
                return Decimal(0)
            if later_q and p.kind == "lot":
                held = held - later_q.get((p.account, p.lot_id), Decimal(0))
            if self.readings.get("held_partial", "sold_matched_first") == "sold_unmatched_first":
                return max(Decimal(0), held - p.matched)
            if p.mb is not None:
                # shares the same trade sells of the lot later leave its matched ones first
                own = (p.held if p.held is not None else p.qty) - held
                mb, mr = self.matched_held_after(p, own)
                return max(Decimal(0), held - mb - mr)
            return max(Decimal(0), min(held, p.qty - p.matched))
        return None if p.qty is None else p.qty - p.matched

    @staticmethod
    def matched_held_after(p, sold):
        """The matched shares still held after `sold` more shares of the lot are sold."""
        from_before = min(sold, p.mb)
        return p.mb - from_before, max(Decimal(0), p.mr - (sold - from_before))

    def judge_loss_sale(self, tr, ls, L, origin, later, later_in_pass):
        a, asof, W = ls["account"], self.asof, self.wdays
        own_key = (a, ls["lot_id"]) if L is not None else (a, origin["from"])
        exclude = {own_key}
        later_q = defaultdict(Decimal)
        # README Decisions: a replacement lot the trade also sells (in a later piece) is restated
        # once the trade's lots are relieved, at its basis x matched / shares left then
        after_trade = {}   # (account, lot id) -> (basis, shares) the pass's later pieces take of it
        for x in later_in_pass:
            b, q = after_trade.get((x["account"], x["lot_id"]), (Decimal(0), Decimal(0)))
            after_trade[(x["account"], x["lot_id"])] = (b + (x["basis"] or Decimal(0)), q + (x["qty"] or Decimal(0)))
        mode = self.readings.get("same_trade_later", "remainder")
        if mode == "exclude":
            for x in later:
                exclude.add((x["account"], x["lot_id"]))
        elif mode == "remainder":
            # the trade's own lots are not replacements: what it sells of them later is set aside,
            # what it leaves held still counts
            for x in later:
                later_q[(x["account"], x["lot_id"])] += x["qty"] or Decimal(0)
        cands = []
        for p in self.purchases[(self.hh(a), self.famkey(ls["symbol"]))]:
            if p.date is None or p.date < asof - days(W) or p.date > asof:
                continue
            if p.kind == "lot" and (p.account, p.lot_id) == own_key:
                continue
            if p.kind == "run" and p.seq >= tr["seq"]:
                continue
            av = self.available(p, exclude, later_q)
            if av is not None and av <= 0:
                continue
            cands.append((p, av))
        sold = ls["qty"]
        need = sold
        matches = []
        for p, av in cands:
            if need <= 0:
                break
            take = need if av is None else min(av, need)
            matches.append((p, take))
            need -= take
        m = sold - need
        for p, take in matches:
            p.matched += take
            if p.mr is not None:
                p.mr += take
        lr = dict(account=a, symbol=ls["symbol"], lot_id=ls["lot_id"], qty=sold, loss=-ls["gain"],
                  m=m, matches=matches, late=[], seq=tr["seq"], phase=tr["phase"], ls=ls,
                  acquired=ls["acquired"], origin=origin)
        self.run_loss.append(lr)
        if m > 0 and tr["phase"] not in ("Manual", "Raise Cash"):
            first = matches[0][0]
            self.bad("Lots Sold", ls["row"], "Phase",
                     "no loss sale while an unmatched replacement share exists (only Manual or Raise Cash may force one)",
                     f"{tr['phase']} sold lot {ls['lot_id']} at a loss of {fmt(-ls['gain'])}",
                     f"{fmt(m)} unmatched replacement shares, first {first.symbol} {fmt(first.date)} in {first.account} ({first.kind})")
        if m > 0:
            self.stats["forced loss sales with replacements"] += 1
        lr["D"] = hu(lr["loss"] * m / sold) if sold else Decimal(0)
        lr["parts"] = self.running_split(lr["D"], matches)
        # a held lot of a taxed account matched here is restated at once (-W lot)
        lr["basis_before"] = []
        for (p, q), _part, _alt in lr["parts"]:
            lr["basis_before"].append(self.replacement_basis(p, q, after_trade.get((p.account, p.lot_id))))
        for (p, q), part, _alt in lr["parts"]:
            if p.kind == "lot" and self.taxed(p.account):
                hp = lr["acquired"] if p.date is None or lr["acquired"] is None else min(lr["acquired"], p.date)
                # the restated shares are long-term by mark when the sold shares were long-term
                # or the replacement lot is marked so (README Decisions: never shortened)
                own = self.lots.get((p.account, p.lot_id)) or {}
                long_mark = ls["term"] == "LT" or (own.get("term") or "").startswith("L")
                self.restate(p, q, part, hp, tr["seq"], long_mark, after_trade.get((p.account, p.lot_id)),
                             sold=(a, ls["lot_id"]))

    def check_restated_sale(self, ls, R):
        a = ls["account"]
        if ls["acquired"] != R["acquired"]:
            self.bad("Lots Sold", ls["row"], "Acquired", R["acquired"], ls["acquired"],
                     f"restated lot {ls['lot_id']} takes the sold lot's holding period")
        if R["basis"] is not None and ls["qty"] is not None and R["held"]:
            exp = hu(R["basis_left"] * ls["qty"] / R["held"]) if ls["qty"] != R["held"] else R["basis_left"]
            if ls["basis"] is not None and abs(exp - ls["basis"]) == CENT:
                self.stats["restated basis within a cent (a lot restated in several passes rounds each)"] += 1
            elif ls["basis"] is not None and exp != ls["basis"]:
                self.bad("Lots Sold", ls["row"], "Cost Basis", exp, ls["basis"],
                         f"restated lot {ls['lot_id']}: its shares' basis plus the disallowed loss")
            R["basis_left"] -= ls["basis"] if ls["basis"] is not None else exp
        if R["acquired"] is not None and ls["term"]:
            expected = "LT" if R.get("long_mark") else term_on(R["acquired"], self.asof)
            if expected != ls["term"]:
                self.bad("Lots Sold", ls["row"], "Term", expected, ls["term"],
                         "restated lot's term from its adjusted holding period, long-term when the sold shares "
                         "or the replacement were")
        self.stats["restated lots sold"] += 1
        if R["acquired"] is not None and R.get("rep_date") is not None:
            strict = R["rep_date"] - (self.asof - R["acquired"])   # 1223(3): add the sold lot's days held
            if term_on(strict, self.asof) != term_on(R["acquired"], self.asof):
                self.stats["restated lots sold whose term differs under strict 1223(3) tacking"] += 1

    # ------------------------------------------------------------------------- compare
    def finish_checks(self):
        W, asof = self.wdays, self.asof
        ws_rows = [r for r in self.out["Wash Sale"] if text(r.get("account"))]
        for r in ws_rows:
            r["_action"] = text(r.get("action"))
        # ---- expected disallowed per run loss sale
        expected_disallowed_rows = []   # dicts
        tax_disallowed = defaultdict(Decimal)
        tax_added = defaultdict(lambda: defaultdict(Decimal))
        for lr in self.run_loss:
            ls = lr["ls"]
            allm = lr["matches"] + lr["late"]
            D = lr["D"]
            # A manual buy made after the sale (Trades order) disallows the loss in proportion
            # and adds it back to the sold lot's term (the contract's Manual buys): the Lots Sold
            # row keeps what was disallowed at the moment of the sale.
            if lr["late"] and lr["qty"]:
                L, q = lr["loss"], lr["qty"]
                at_sale = sum((x for _, x in lr["matches"]), Decimal(0))
                cum, prev_h = at_sale, hu(L * at_sale / q)
                term = ls["term"] if ls["term"] in ("ST", "LT") else "ST"
                for p, x in lr["late"]:
                    cum += x
                    h = hu(L * cum / q)                 # running rounding over the sale's replacements
                    a = hu(L * x / q)                   # the contract: loss x matched / sold
                    expected_disallowed_rows.append(dict(basis_before=self.replacement_basis(p, x),
                        account=lr["account"], symbol=lr["symbol"], lot_id=lr["lot_id"], rep_account=p.account,
                        rep_symbol=p.symbol, conflict=p.date, shares=x, amount=h - prev_h, alt=a, purchase=p,
                        window_end=asof + days(W), loss=L, hp_from=lr["acquired"], run=True, lr=lr))
                    tax_disallowed[lr["account"]] += h - prev_h
                    tax_added[lr["account"]][term] += h - prev_h
                    prev_h = h
                self.stats["run loss sales disallowed further by a later manual buy (added back)"] += 1
            if ls["disallowed"] != D:
                why = "; ".join(f"{fmt(q)} {p.symbol} {fmt(p.date)} {p.account} ({p.kind}{' ' + p.lot_id if p.lot_id else ''})"
                                for p, q in allm) or "no replacement shares"
                self.bad("Lots Sold", ls["row"], "Disallowed Loss", D, ls["disallowed"],
                         f"lot {lr['lot_id']} in {lr['account']}: loss {fmt(lr['loss'])} x {fmt(lr['m'])}/{fmt(lr['qty'])} matched: {why}")
            if ls["realized"] is not None and ls["gain"] is not None and ls["realized"] != ls["gain"] + ls["disallowed"]:
                self.bad("Lots Sold", ls["row"], "Realized", ls["gain"] + ls["disallowed"], ls["realized"])
            tax_disallowed[lr["account"]] += D
            # split over replacements, running rounding
            for ((p, q), part, alt), bb in zip(lr["parts"], lr["basis_before"]):
                expected_disallowed_rows.append(dict(basis_before=bb,
                    account=lr["account"], symbol=lr["symbol"], lot_id=lr["lot_id"], rep_account=p.account,
                    rep_symbol=p.symbol, conflict=p.date, shares=q, amount=part, alt=alt, purchase=p,
                    window_end=asof + days(W), loss=lr["loss"], hp_from=lr["acquired"], run=True, lr=lr))
        # ---- Transactions loss sales: manual buys inside their windows
        for t in self.tloss:
            if not t["run_matches"]:
                continue
            M = sum(q for _, q in t["run_matches"])
            if t["rg"] is None:
                self.expect_needs_approval(t, "its Realized Gain is blank")
                for p, q in t["run_matches"]:
                    self.approval_rows.append(dict(account=t["account"], symbol=t["symbol"], wend=t["date"] + days(W),
                                                   rep_account=p.account, rep_symbol=p.symbol, shares=q))
                continue
            L = -t["rg"]
            q = t["qty"]
            H = sum((x for _, x in t["matches"]), Decimal(0)) - M     # matched before this run
            D = hu(L * M / q)                                        # the contract: loss x matched / sold
            D_hist = hu(L * (H + M) / q) - hu(L * H / q)             # running rounding over the sale's replacements
            term = t["term"] if t["term"] in ("LT", "ST") else ("LT" if t["term"] and t["term"].startswith("L") else "ST")
            t["D_options"] = (D, D_hist)
            t["D_term"] = term
            self.stats["Transactions loss sales disallowed by a manual buy"] += 1
            cum, prev_a, prev_h = Decimal(0), Decimal(0), hu(L * H / q)
            for p, x in t["run_matches"]:
                cum += x
                a = hu(D * cum / M)
                h = hu(L * (H + cum) / q)
                expected_disallowed_rows.append(dict(basis_before=self.replacement_basis(p, x),
                    account=t["account"], symbol=t["symbol"], lot_id=None, rep_account=p.account, rep_symbol=p.symbol,
                    conflict=p.date, shares=x, amount=a - prev_a, alt=h - prev_h, purchase=p, window_end=t["date"] + days(W),
                    loss=L, hp_from=None, run=False, lr=None, sale=t))
                prev_a, prev_h = a, h
        # blank-quantity loss sales with a manual buy inside their window
        for t in self.tloss:
            if t["qty"] is not None:
                continue
            for tr in self.trades:
                if tr["side"] == "Buy" and tr["phase"] == "Manual" and self.hh(tr["account"]) == self.hh(t["account"]) \
                        and self.famkey(tr["symbol"]) == self.famkey(t["symbol"]) and t["date"] <= asof <= t["date"] + days(W):
                    p = tr.get("purchase")
                    at_buy = tr.get("unmatched_at_buy")
                    unmatched = at_buy > 0 if at_buy is not None else (
                        p is not None and p.qty is not None and p.qty - p.matched > 0)
                    # a sale of the same day or later that took the buy's shares comes no earlier
                    # than this one in matching order (earliest sale first): this one, of unknown
                    # size, may take them first (README: a manual buy in the window of a sale
                    # without Quantity needs approval)
                    tie = p is not None and any(
                        u is not t and u["date"] >= t["date"] and any(m is p for m, _q in u.get("matches", []))
                        for u in self.tloss)
                    if unmatched or tie:
                        self.expect_needs_approval(t, "its Quantity is blank")
                        self.approval_rows.append(dict(account=t["account"], symbol=t["symbol"], wend=t["date"] + days(W),
                                                       rep_account=tr["account"], rep_symbol=tr["symbol"], shares=None))
                    else:
                        self.stats["blank-Quantity loss sale, manual buy inside its window but fully matched elsewhere"] += 1
                        if not self.has_needs_approval(t):
                            self.note(f"ambiguity: {t['account']} {t['symbol']} sale {fmt(t['date'])} (Transactions row {t['row']}) "
                                      f"has no Quantity and a manual buy of {tr['symbol']} in {tr['account']} falls in its window, "
                                      f"but every share of that buy is matched to an earlier sale: no Needs Approval exception")

        # ---- the Wash Sale sheet: Loss Sale rows
        self.check_loss_sale_rows(ws_rows)
        # ---- Disallowed rows
        self.check_disallowed_rows(ws_rows, expected_disallowed_rows)
        for t in self.tloss:
            if "D_options" in t:
                D = t["D_options"][1] if t.get("D_used") == "history" else t["D_options"][0]
                tax_disallowed[t["account"]] += D
                tax_added[t["account"]][t["D_term"]] += D
        # ---- Loss Sale Blocked rows
        self.check_blocked_rows(ws_rows)
        # ---- Buy Blocked rows
        self.check_buy_blocked_rows(ws_rows)
        # ---- forced Raise Cash loss lots were first blocked and logged
        for lr in self.run_loss:
            if lr["m"] > 0 and lr["phase"] == "Raise Cash":
                if lr["origin"] is not None and lr["origin"].get("seq") == lr["seq"]:
                    self.stats["restated lots sold forced in the trade that made them (no earlier block to log)"] += 1
                    continue
                if not any(r["_action"] == "Loss Sale Blocked" and text(r.get("account")) == lr["account"]
                           and text(r.get("lotid")) == lr["lot_id"] for r in ws_rows):
                    self.bad("Wash Sale", "-", "Action", f"Loss Sale Blocked row for lot {lr['lot_id']} in {lr['account']}",
                             "none", "Raise Cash forced it, so it was blocked first")
        # ---- a manual sale that forces a blocked loss lot carries a warning
        for lr in self.run_loss:
            # matched when sold: a manual buy made after the sale (`late`) blocked nothing then
            at_sale = lr["m"] - sum((take for _, take in lr["late"]), Decimal(0))
            if at_sale > 0 and lr["phase"] == "Manual":
                if not any(text(e.get("severity")) in ("Warning", "Needs Approval")
                           and lr["account"] in text(e.get("where")) + " " + text(e.get("message"))
                           and lr["symbol"] in text(e.get("where")) + " " + text(e.get("message"))
                           for e in self.out["Exceptions"]):
                    self.bad("Exceptions", "-", "Message",
                             f"a warning that the manual sale of {lr['symbol']} in {lr['account']} sells a blocked loss lot",
                             "none")
        # ---- Tax Impact
        self.check_tax_impact(tax_disallowed, tax_added)
        # ---- each share once (independent of how the same-trade rules are read)
        self.check_share_conservation(ws_rows)
        # ---- Trades realized = Gain + Disallowed by term
        for tr in self.trades:
            if tr["side"] != "Sell":
                continue
            st = sum((x["gain"] + x["disallowed"] for x in tr["lots"] if x["term"] == "ST" and x["gain"] is not None), Decimal(0))
            lt = sum((x["gain"] + x["disallowed"] for x in tr["lots"] if x["term"] == "LT" and x["gain"] is not None), Decimal(0))
            if tr["lots"] and st != tr["rst"]:
                self.bad("Trades", tr["row"], "Realized ST", st, tr["rst"], "Lots Sold Gain + Disallowed Loss, ST")
            if tr["lots"] and lt != tr["rlt"]:
                self.bad("Trades", tr["row"], "Realized LT", lt, tr["rlt"], "Lots Sold Gain + Disallowed Loss, LT")

    def check_share_conservation(self, ws_rows):
        """A replacement share is matched once, and a share of a taxed account that takes a
        disallowed loss into its basis is a restated (-W) lot from then on: so, per purchase
        (account, symbol, day), the shares the Disallowed rows match to this run's loss sales, plus
        those Transactions loss sales took, never pass what was bought; and in a taxed account the
        shares matched to this run's sales plus those the run sells under the lot's own ID never
        pass what is held."""
        held = defaultdict(Decimal)
        extra = defaultdict(Decimal)
        unknown = set()
        hist = defaultdict(Decimal)
        for lst in self.purchases.values():
            for p in lst:
                k = (p.account, p.symbol, p.date)
                if p.kind == "lot":
                    held[k] += self.lots[(p.account, p.lot_id)]["qty"] or Decimal(0)
                elif p.kind == "run":
                    # a run buy beside a held lot of its day: the rows of both name that day
                    extra[k] += p.qty
                elif p.kind == "txn":
                    if p.qty is None:
                        unknown.add(k)
                    else:
                        extra[k] += p.qty
        for t in self.tloss:
            for p, q in t["matches"]:
                if p.kind != "run":
                    hist[(p.account, p.symbol, p.date)] += q
        matched = defaultdict(Decimal)
        rows_of = defaultdict(list)
        for r in ws_rows:
            if r["_action"] != "Disallowed" or not text(r.get("lotid")):
                continue   # only this run's loss sales (a Transactions sale's rows name no lot)
            k = (text(r.get("replacementaccount")), text(r.get("replacementsymbol")).upper(), todate(r.get("conflictdate")))
            if k[2] is None or (k not in held and k not in extra and k not in unknown):
                continue   # a purchase of this run: not a held lot
            matched[k] += dec(r.get("quantity")) or Decimal(0)
            rows_of[k].append(r["_row"])
        sold = defaultdict(Decimal)
        for ls in self.lots_sold:
            L = self.lots.get((ls["account"], ls["lot_id"]))
            if L is not None:
                sold[(ls["account"], L["symbol"], L["acquired"])] += ls["qty"] or Decimal(0)
        for k, m in matched.items():
            self.stats["purchases checked for each-share-once"] += 1
            if k in unknown:
                continue
            bought = held[k] + extra[k]
            if m + hist[k] > bought:
                self.bad("Wash Sale", ",".join(map(str, rows_of[k][:6])), "Quantity",
                         f"at most {fmt(bought - hist[k])} shares of the {fmt(k[2])} purchase of {k[1]} in {k[0]} "
                         f"({fmt(bought)} bought, {fmt(hist[k])} replacing Transactions sales)",
                         f"{fmt(m)} matched to this run's loss sales", "each share is matched once")
            if self.taxed(k[0]) and held[k] and m + sold[k] > held[k] + extra[k]:
                self.bad("Wash Sale", ",".join(map(str, rows_of[k][:6])), "Quantity",
                         f"matched shares + shares sold at the lot's own basis <= {fmt(held[k] + extra[k])} "
                         f"(lot(s) of {k[1]} bought {fmt(k[2])} in {k[0]})",
                         f"{fmt(m)} matched (their basis said to take the disallowed loss) + {fmt(sold[k])} sold "
                         f"under the original Lot ID at the original basis",
                         "a share matched as a replacement is restated (-W); if it is also sold unrestated, "
                         "the disallowed loss is lost instead of deferred")

    def running_split(self, D, matches, base=None):
        """Split D over matched purchases by shares, running rounding (two readings)."""
        out = []
        total = sum((q for _, q in matches), Decimal(0))
        if not matches or total == 0:
            return out
        cum, prev_a, prev_b = Decimal(0), Decimal(0), Decimal(0)
        for p, q in matches:
            cum += q
            a = hu(D * cum / total)
            if base:
                b = hu(base[0] * cum / base[1])
            else:
                b = a
            out.append(((p, q), a - prev_a, b - prev_b))
            prev_a, prev_b = a, b
        return out

    def has_needs_approval(self, t):
        for e in self.out["Exceptions"]:
            if text(e.get("severity")) == "Needs Approval":
                blob = text(e.get("where")) + " " + text(e.get("message"))
                if t["account"] in blob and (t["symbol"] in blob or f"Transactions!" in blob):
                    return True
        return False

    def expect_needs_approval(self, t, why):
        self.stats["Needs Approval expected for a Transactions sale"] += 1
        if not self.has_needs_approval(t):
            self.bad("Exceptions", "-", "Severity", "Needs Approval",
                     "none",
                     f"manual buy inside the window of {t['account']}'s {fmt(t['date'])} loss sale of {t['symbol']} "
                     f"(Transactions row {t['row']}), and {why}")

    # ---- Loss Sale rows
    def check_loss_sale_rows(self, ws_rows):
        W = self.wdays
        got = [r for r in ws_rows if r["_action"] == "Loss Sale"]
        got_by = defaultdict(list)
        for r in got:
            got_by[text(r.get("account"))].append(r)
        used = set()
        # Transactions loss sales
        for t in self.tloss:
            cand = [r for r in got_by[t["account"]] if id(r) not in used
                    and text(r.get("symbol")).upper() == t["symbol"] and not text(r.get("lotid"))
                    and todate(r.get("conflictdate")) == t["date"]
                    and (dec(r.get("quantity")) == t["qty"])]
            if not cand:
                self.bad("Wash Sale", "-", "Action",
                         f"Loss Sale row for {t['account']}'s {fmt(t['qty'])} {t['symbol']} sold {fmt(t['date'])} (Transactions row {t['row']})",
                         "none")
                continue
            r = cand[0]
            used.add(id(r))
            self.cmp_row(r, "windowends", t["date"] + days(W))
            self.cmp_row(r, "family", self.famtext(t["symbol"]))
            self.cmp_row(r, "household", self.accounts.get(t["account"], {}).get("hhname", t["account"]))
            if t["rg"] is not None:
                self.cmp_row(r, "loss", -t["rg"])
        # run loss sales, one row per account and lot
        agg = {}
        for lr in self.run_loss:
            k = (lr["account"], lr["lot_id"])
            g = agg.setdefault(k, dict(qty=Decimal(0), loss=Decimal(0), D=Decimal(0), lr=lr))
            g["qty"] += lr["qty"]
            g["loss"] += lr["loss"]
            g["D"] += lr["D"]
        for (a, lid), g in agg.items():
            cand = [r for r in got_by[a] if id(r) not in used and text(r.get("lotid")) == lid]
            if not cand:
                self.bad("Wash Sale", "-", "Action", f"Loss Sale row for lot {lid} in {a}", "none")
                continue
            if len(cand) > 1:
                self.note(f"{a} lot {lid}: {len(cand)} Loss Sale rows")
            r = cand[0]
            used.add(id(r))
            lr = g["lr"]
            self.cmp_row(r, "symbol", lr["symbol"])
            self.cmp_row(r, "conflictdate", self.asof)
            self.cmp_row(r, "conflictaccount", a)
            self.cmp_row(r, "windowends", self.asof + days(W))
            self.cmp_row(r, "family", self.famtext(lr["symbol"]))
            self.cmp_row(r, "household", self.accounts.get(a, {}).get("hhname", a))
            self.cmp_row(r, "quantity", g["qty"])
            self.cmp_row(r, "loss", g["loss"])
            self.cmp_row(r, "disallowedloss", g["D"])
        for r in got:
            if id(r) not in used:
                self.bad("Wash Sale", r["_row"], "Action", "no such loss sale (taxed account, loss)",
                         f"Loss Sale {text(r.get('account'))} {text(r.get('symbol'))} lot {text(r.get('lotid')) or '-'} "
                         f"{fmt(todate(r.get('conflictdate')))}")

    def cmp_row(self, r, col, exp, sheet="Wash Sale", label=None):
        v = r.get(col)
        if isinstance(exp, dt.date):
            got = todate(v)
        elif isinstance(exp, Decimal):
            got = dec(v)
        elif exp is None:
            got = v if v not in ("",) else None
        else:
            got = text(v)
        if got != exp:
            self.bad(sheet, r["_row"], label or NICE.get(col, col), exp, got)
            return False
        return True

    # ---- Disallowed rows
    def check_disallowed_rows(self, ws_rows, expected):
        got = []
        for r in ws_rows:
            if r["_action"] != "Disallowed":
                continue
            if dec(r.get("disallowedloss")) is None:
                # a disallowance that needs approval (blank Realized Gain or Quantity): no amount
                hit = [x for x in self.approval_rows if x["account"] == text(r.get("account"))
                       and x["symbol"] == text(r.get("symbol")).upper() and x["wend"] == todate(r.get("windowends"))
                       and x["rep_account"] == (text(r.get("replacementaccount")) or text(r.get("conflictaccount")))
                       and x["rep_symbol"] == (text(r.get("replacementsymbol")).upper() or x["rep_symbol"])]
                same = [x for x in hit if x["shares"] == dec(r.get("quantity"))]
                if same:
                    hit = same
                if hit:
                    self.approval_rows.remove(hit[0])
                if not hit:
                    self.bad("Wash Sale", r["_row"], "Disallowed Loss", "an amount (no approval case here)", None)
                elif hit[0]["shares"] is not None and dec(r.get("quantity")) != hit[0]["shares"]:
                    self.bad("Wash Sale", r["_row"], "Quantity", hit[0]["shares"], dec(r.get("quantity")))
                else:
                    self.stats["Disallowed rows needing approval checked"] += 1
                continue
            got.append(r)
        # aggregate both sides by (account, sold symbol, lot id or sale's window end, replacement account,
        # replacement symbol, purchase date): the tool writes one row per relief.
        def gkey(account, symbol, lot_id, wend, rep_a, rep_s, pdate):
            return (account, symbol, lot_id or "", None if lot_id else wend, rep_a, rep_s, pdate)
        exp_agg = {}
        for e in expected:
            k = gkey(e["account"], e["symbol"], e["lot_id"], e["window_end"], e["rep_account"], e["rep_symbol"], e["conflict"])
            g = exp_agg.setdefault(k, dict(shares=Decimal(0), amount=Decimal(0), alt=Decimal(0), items=[]))
            g["shares"] += e["shares"]
            g["amount"] += e["amount"]
            g["alt"] += e["alt"]
            g["items"].append(e)
        got_agg = {}
        for r in got:
            lid = text(r.get("lotid")) or None
            k = gkey(text(r.get("account")), text(r.get("symbol")).upper(), lid, todate(r.get("windowends")),
                     text(r.get("replacementaccount")), text(r.get("replacementsymbol")).upper(), todate(r.get("conflictdate")))
            g = got_agg.setdefault(k, dict(shares=Decimal(0), amount=Decimal(0), rows=[]))
            g["shares"] += dec(r.get("quantity")) or Decimal(0)
            g["amount"] += dec(r.get("disallowedloss")) or Decimal(0)
            g["rows"].append(r)
        self.stats["Disallowed rows expected (aggregated)"] += len(exp_agg)
        for k, e in exp_agg.items():
            g = got_agg.get(k)
            desc = f"{k[0]} {k[1]} lot {k[2] or '(Transactions sale)'} <- {fmt(e['shares'])} {k[5]} bought {fmt(k[6])} in {k[4]}"
            if g is None:
                self.bad("Wash Sale", "-", "Disallowed row", f"{desc}: ${fmt(e['amount'])} disallowed", "none")
                continue
            r0 = g["rows"][0]
            if g["shares"] != e["shares"]:
                self.bad("Wash Sale", r0["_row"], "Quantity", e["shares"], g["shares"], desc)
            if g["amount"] != e["amount"] and g["amount"] != e["alt"]:
                self.bad("Wash Sale", r0["_row"], "Disallowed Loss", e["amount"], g["amount"], desc)
            elif e["amount"] != e["alt"]:
                sale = e["items"][0].get("sale")
                if sale is not None:
                    used = "history" if g["amount"] == e["alt"] else "contract"
                    sale["D_used"] = used
                    self.stats[f"Transactions sale disallowance: readings differ by a cent; tool follows the {used} reading"] += 1
                    if used == "history":
                        self.note(f"{e['items'][0]['account']} {e['items'][0]['symbol']} sale {fmt(sale['date'])}: "
                                  f"manual buy disallows {fmt(g['amount'])}; the contract's loss x matched / sold gives "
                                  f"{fmt(e['amount'])} (loss {fmt(-sale['rg'])} x {fmt(e['shares'])}/{fmt(sale['qty'])}); "
                                  f"the tool rounds over the sale's earlier replacements too")
                else:
                    self.stats["Disallowed parts where the two running roundings differ"] += 1
            item = e["items"][0]
            p = item["purchase"]
            wend = item["window_end"]
            for r in g["rows"]:
                self.cmp_row(r, "windowends", wend)
                self.cmp_row(r, "family", self.famtext(item["symbol"]))
            # where the loss goes
            untaxed_rep = not self.taxed(p.account)
            if untaxed_rep:
                for r in g["rows"]:
                    if r.get("replacementbasisafter") is not None:
                        self.bad("Wash Sale", r["_row"], "Replacement Basis After", None, dec(r.get("replacementbasisafter")),
                                 f"{p.account} is untaxed: the loss is lost (Rev. Rul. 2008-5)")
                    if "2008-5" not in text(r.get("note")):
                        self.bad("Wash Sale", r["_row"], "Note", "says the loss is lost in the untaxed account (Rev. Rul. 2008-5)",
                                 text(r.get("note"))[:120])
            else:
                for r in g["rows"]:
                    nt = text(r.get("note")).lower()
                    if "basis" not in nt or "holding period" not in nt:
                        self.bad("Wash Sale", r["_row"], "Note",
                                 "says the loss moves into the replacement's basis and holding period", text(r.get("note"))[:120])
                bbs = [it["basis_before"] for it in e["items"]]
                unknown = any(isinstance(b, str) for b in bbs)
                exp_basis = None if any(b is None or isinstance(b, str) for b in bbs) else sum(bbs, Decimal(0))
                if unknown:
                    self.stats["replacements of unknown size (Basis After blank accepted)"] += 1
                    # a row of the group is one purchase's: a day's buys of which one lacks Quantity
                    # are each a purchase (small book 35062: 276 EYK at $176.34 priced, 78 of a
                    # buy without Quantity blank), so a priced row is its own shares x its price
                    prices = {it["purchase"].price for it in e["items"]} - {None}
                    for r in g["rows"]:
                        ba = dec(r.get("replacementbasisafter"))
                        if len(g["rows"]) == 1:
                            shares, amount = e["shares"], g["amount"]
                        else:
                            shares = dec(r.get("quantity")) or Decimal(0)
                            amount = dec(r.get("disallowedloss")) or Decimal(0)
                        if ba is not None and not any(ba == hu(price * shares) + amount for price in prices):
                            self.bad("Wash Sale", r["_row"], "Replacement Basis After",
                                     "blank, or price x matched shares + disallowed", ba, desc)
                elif len(g["rows"]) > 1:
                    self.stats["Disallowed groups written as several rows (Basis After not compared)"] += 1
                if not unknown and len(g["rows"]) == 1:
                    ba = dec(r0.get("replacementbasisafter"))
                    want = None if exp_basis is None else exp_basis + g["amount"]
                    if ba != want:
                        self.bad("Wash Sale", r0["_row"], "Replacement Basis After", want, ba,
                                 f"{desc}: basis of the matched shares {fmt(exp_basis)} + disallowed {fmt(g['amount'])}")
                # holding period: the sold lot's (README Decisions); blank for a Transactions sale
                for r in g["rows"]:
                    hp = item["hp_from"]
                    if hp is not None and p.date is not None and item.get("run"):
                        hp = min(hp, p.date)
                    self.cmp_row(r, "holdingperiodfrom", hp)
                    if item["hp_from"] is not None and p.date is not None:
                        strict = p.date - (self.asof - item["hp_from"])
                        if strict != item["hp_from"]:
                            self.stats["holding period from the sold lot's date, not tacked (1223(3) strictly)"] += 1
        for k, g in got_agg.items():
            if k not in exp_agg:
                r0 = g["rows"][0]
                self.bad("Wash Sale", r0["_row"], "Action", "no disallowance here",
                         f"Disallowed {fmt(g['amount'])}: {k[0]} {k[1]} lot {k[2] or '-'} <- {fmt(g['shares'])} {k[5]} {fmt(k[6])} in {k[4]}")

    def replacement_basis(self, p, shares, later=None):
        if p.qty is None:
            return "unknown"   # a purchase of unknown size: the tool may leave it blank
        if p.kind == "lot":
            # the basis the lot has left after the run's earlier sales of it, and the same trade's
            # later pieces of it (`later`: their basis and shares), in proportion
            later_basis, later_qty = later or (Decimal(0), Decimal(0))
            if p.basis_total is None or not p.qty - p.sold_qty - later_qty:
                return None
            left, count = p.basis_total - p.sold_basis - later_basis, p.qty - p.sold_qty - later_qty
            return hu(left * shares / count) if shares != count else left
        if p.price is None:
            return None
        return hu(p.price * shares)

    def restated_lot(self, a, lid):
        """The restated lot `lid` of account `a`. A forced lot relieved in two passes of one
        trade is one Lots Sold row here, matched once; the tool restates the replacement at
        each pass, the second part as `…-W2`: such a part is taken as a piece of the `…-W` lot
        this checker made (same replacement, basis and holding period)."""
        R = self.restated.get((a, lid))
        if R is None and (a, lid) in self.restated_alias:
            self.stats["restated parts named by pass (-W2...), read as their -W lot"] += 1
            R = self.restated.get(self.restated_alias[(a, lid)])
        if R is None:
            m = re.fullmatch(r"(.*-W)\d+", lid or "")
            if m and (a, m.group(1)) in self.restated:
                self.stats["restated parts named by pass (-W2...), read as their -W lot"] += 1
                R = self.restated[(a, m.group(1))]
        return R

    def restate(self, p, shares, amount, hp_from, seq=None, long_mark=False, later=None, sold=None):
        ranks = self.restate_rank.get((p.account, p.symbol.upper(), p.date) + tuple(sold or ()), [])
        if self.lots_on_day.get((p.account, p.symbol, p.date), 0) > 1:
            ranks = []   # a rank counts the rows of the day's purchases: it names a lot only when the day holds one

        def name(rank):
            # the run's k-th restatement of the lot takes the k-th name that no input lot has
            lid, n = f"{p.lot_id}-W", 2
            while True:
                if (p.account, lid) not in self.lots:
                    if rank == 0:
                        return lid
                    rank -= 1
                lid, n = f"{p.lot_id}-W{n}", n + 1

        if ranks:
            lid = name(ranks.pop(0))
            # a sold lot relieved in two passes is restated at each: its later parts' names
            # are read as this lot (see `restated_lot`)
            while ranks:
                self.restated_alias[(p.account, name(ranks.pop(0)))] = (p.account, lid)
        else:
            lid, n = f"{p.lot_id}-W", 2
            while (p.account, lid) in self.lots or (p.account, lid) in self.restated:
                lid, n = f"{p.lot_id}-W{n}", n + 1
        b = self.replacement_basis(p, shares, later)
        # the matched shares leave the lot (they are matched, so never a replacement again)
        p.held = (p.held if p.held is not None else p.qty) - shares
        p.matched -= shares
        if p.mr is not None:
            p.mr = max(Decimal(0), p.mr - shares)
        if p.basis_total is not None and b is not None:
            p.basis_total -= b
            p.qty -= shares
        self.restated[(p.account, lid)] = dict(**{"from": p.lot_id}, held=shares, shares=shares,
                                               basis0=(b or Decimal(0)) + amount, seq=seq, rep_date=p.date,
                                               basis=b, basis_left=(b or Decimal(0)) + amount, acquired=hp_from,
                                               long_mark=long_mark)
        self.stats["restated lots expected"] += 1

    # ---- Loss Sale Blocked rows
    def check_blocked_rows(self, ws_rows):
        W, asof = self.wdays, self.asof
        for r in ws_rows:
            if r["_action"] != "Loss Sale Blocked":
                continue
            self.stats["Loss Sale Blocked rows checked"] += 1
            a, lid = text(r.get("account")), text(r.get("lotid"))
            L = self.lots.get((a, lid))
            own_lid = lid
            R = self.restated_lot(a, lid) if L is None else None
            if R is not None:
                O = self.lots.get((a, R["from"]))
                L = dict(symbol=O["symbol"], qty=R["shares"], basis=R["basis0"], acquired=R["acquired"])
                own_lid = R["from"]
                self.stats["Loss Sale Blocked rows on restated lots"] += 1
            if L is None:
                self.bad("Wash Sale", r["_row"], "Lot ID", "a held lot", lid)
                continue
            if not self.taxed(a):
                self.bad("Wash Sale", r["_row"], "Account", "a taxed account", a)
            price = self.prices.get(L["symbol"])
            if price is not None and L["basis"] is not None and L["qty"]:
                if price * L["qty"] >= L["basis"]:
                    self.bad("Wash Sale", r["_row"], "Lot ID", "a lot at a loss", f"{lid} basis {fmt(L['basis'])} "
                             f"value {fmt(price * L['qty'])}")
            self.cmp_row(r, "symbol", L["symbol"])
            self.cmp_row(r, "family", self.famtext(L["symbol"]))
            q = dec(r.get("quantity"))
            if q is None or q <= 0 or q > L["qty"]:
                self.bad("Wash Sale", r["_row"], "Quantity", f"0 < q <= {fmt(L['qty'])}", q)
            cd, ca = todate(r.get("conflictdate")), text(r.get("conflictaccount"))
            fam = [p for p in self.purchases[(self.hh(a), self.famkey(L["symbol"]))]
                   if p.date is not None and asof - days(W) <= p.date <= asof
                   and not (p.kind == "lot" and p.account == a and p.lot_id == own_lid)]
            hit = [p for p in fam if p.date == cd and p.account == ca]
            if not hit:
                self.bad("Wash Sale", r["_row"], "Conflict Date/Account",
                         "a family purchase within the window before the sale",
                         f"{fmt(cd)} {ca}; purchases in window: " +
                         (", ".join(f"{p.symbol} {fmt(p.date)} {p.account}" for p in fam) or "none"))
                continue
            we = todate(r.get("windowends"))
            ends = {p.date + days(W) for p in fam}
            if we not in ends or we < cd + days(W):
                self.bad("Wash Sale", r["_row"], "Window Ends",
                         f"a replacement purchase's date + {W} (>= {fmt(cd + days(W))})", we)
            # the earliest unmatched purchase can not be earlier than the first in the window
            earliest = min(p.date for p in fam)
            if cd < earliest:
                self.bad("Wash Sale", r["_row"], "Conflict Date", earliest, cd)

    # ---- Buy Blocked rows
    def check_buy_blocked_rows(self, ws_rows):
        W, asof = self.wdays, self.asof
        run_windows = {(lr["account"], self.famkey(lr["symbol"])) for lr in self.run_loss}
        buys_by = defaultdict(list)
        for tr in self.trades:
            if tr["side"] == "Buy":
                buys_by[(tr["account"], tr["symbol"])].append(tr)
        tl_by = defaultdict(list)
        for t in self.tloss:
            tl_by[(t["account"], t["date"], self.famkey(t["symbol"]))].append(t)
        for r in ws_rows:
            if r["_action"] != "Buy Blocked":
                continue
            self.stats["Buy Blocked rows checked"] += 1
            a, s = text(r.get("account")), text(r.get("symbol")).upper()
            cd, ca, we = todate(r.get("conflictdate")), text(r.get("conflictaccount")), todate(r.get("windowends"))
            self.cmp_row(r, "family", self.famtext(s))
            self.cmp_row(r, "household", self.accounts.get(a, {}).get("hhname", a))
            if self.hh(ca) != self.hh(a):
                self.bad("Wash Sale", r["_row"], "Conflict Account", "an account of the buyer's household", ca)
            if not self.taxed(ca):
                self.bad("Wash Sale", r["_row"], "Conflict Account", "a taxed account (only those open windows)", ca)
            ok = False
            if cd == asof and (ca, self.famkey(s)) in run_windows:
                ok = True
            if tl_by.get((ca, cd, self.famkey(s))):
                ok = True
            if not ok:
                self.bad("Wash Sale", r["_row"], "Conflict Date", "a loss sale of the family in the conflict account",
                         f"{fmt(cd)} {ca}")
            if cd is not None:
                if we != cd + days(W):
                    self.bad("Wash Sale", r["_row"], "Window Ends", cd + days(W), we)
                if not (cd <= asof <= cd + days(W)):
                    self.bad("Wash Sale", r["_row"], "Conflict Date", f"a window open on {fmt(asof)}", cd)
            bought = [tr for tr in buys_by.get((a, s), ()) if tr["phase"] != "Manual"]
            if bought:
                self.note(f"{a} {s}: Buy Blocked yet bought in {bought[0]['phase']} (an earlier, free request?)")

    # ---- Tax Impact
    def check_tax_impact(self, tax_disallowed, tax_added):
        for r in self.out["Tax Impact"]:
            a = text(r.get("account"))
            if not a or a.startswith("Total"):
                continue
            self.cmp_row(r, "disallowedloss", tax_disallowed.get(a, Decimal(0)), sheet="Tax Impact", label="Disallowed Loss")
            # Net = YTD - carryforward + the run's realized (allowed part) + added-back Transactions disallowance
            if not self.taxed(a):
                continue
            for term, ytd, cf, netc in (("ST", "realizedstytd", "stcarryforward", "netst"),
                                        ("LT", "realizedltytd", "ltcarryforward", "netlt")):
                real = sum((x["gain"] + x["disallowed"] for x in self.lots_sold
                            if x["account"] == a and x["term"] == term and x["gain"] is not None), Decimal(0))
                y, c, n = dec(r.get(ytd)), dec(r.get(cf)), dec(r.get(netc))
                if None in (y, c, n):
                    continue
                exp = y - abs(c) + real + tax_added[a][term]
                if exp != n:
                    self.bad("Tax Impact", r["_row"], f"Net {term}", exp, n,
                             f"YTD - carryforward + Lots Sold realized + {fmt(tax_added[a][term])} disallowed added back")
                # a column past the contract's, when the output has it
                added = f"{term.lower()}addedback"
                if added in r and (dec(r.get(added)) or Decimal(0)) != tax_added[a][term]:
                    self.bad("Tax Impact", r["_row"], f"{term} Added Back", tax_added[a][term], dec(r.get(added)))


def main(argv):
    args = [x for x in argv[1:] if not x.startswith("--")]
    verbose = "--verbose" in argv
    if len(args) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    primary = Checker(args[0], args[1], verbose=verbose)
    try:
        primary.run()
    except Exception as e:  # unreadable book
        import traceback
        traceback.print_exc()
        print(f"check_wash: cannot check {args[1]}: {e}", file=sys.stderr)
        return 2
    res = primary
    alt_note = None
    if primary.problems:
        # Before blaming the tool, try the other readings of what the contract leaves open.
        for combo in itertools.product(("sold_unmatched_first", "sold_matched_first"), ("remainder", "count", "exclude"),
                                       ("split", "lot_only"), ("trade", "pass")):
            rd = dict(held_partial=combo[0], same_trade_later=combo[1], txn_extra=combo[2], later_scope=combo[3])
            if rd == dict(held_partial="sold_matched_first", same_trade_later="remainder", txn_extra="split",
                          later_scope="pass"):
                continue
            c = Checker(args[0], args[1], readings=rd)
            try:
                c.run()
            except Exception:
                continue
            if not c.problems:
                alt_note = f"all agree under the alternative reading {rd}; the primary reading gave {len(primary.problems)} mismatch(es)"
                break
    for (sheet, row, col, exp, found, note) in res.problems:
        print(f"MISMATCH {sheet}!row {row} [{col}]: expected {fmt(exp)}; found {fmt(found)}" + (f"  -- {note}" if note else ""))
    for s in res.info:
        print(f"NOTE {s}")
    if alt_note:
        print(f"NOTE {alt_note}")
    st = ", ".join(f"{k}: {v}" for k, v in sorted(res.stats.items()))
    print(f"SUMMARY {args[1]}: {len(res.problems)} mismatch(es); {st}")
    return 1 if res.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
