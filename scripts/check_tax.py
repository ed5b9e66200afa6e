#!/usr/bin/env python3
"""Independent checker of the rebalancer's tax arithmetic.

Usage: check_tax.py INPUT.xlsx OUTPUT.xlsx

Reads the PM's input workbook (canonical layout: the contract's sheet and column
names, as BookGenerator writes them; title rows above the header, blank rows and a
few header synonyms are tolerated) and the CIO workbook the tool wrote, and
recomputes from shared/WORKBOOK.md alone, in exact decimal arithmetic:

  1. Lots Sold, replayed in Trades (execution) order: each row's lot (an input lot,
     or one a forced loss sale restated as '<id>-W' per the Wash Sale sheet), Acquired,
     Term (holding-year rule incl. the last-day-of-month case; the Lots Term override
     wins), Proceeds (quantity x price, half-up to the cent), Cost Basis (basis left x
     sold / held, half-up, the remainder staying with the lot), Gain = Proceeds - Cost
     Basis, 0 <= Disallowed Loss <= loss, Realized = Gain + Disallowed Loss. A trade made
     in passes (the Audit Log's `Sold` rows) sells, in its later passes, the lots its
     earlier passes' loss sales restated.
  2. Trades: each Sell's Quantity, Amount (sum of its lots' proceeds) and Realized
     ST/LT (its lots' Gain + Disallowed Loss by term); Buys realize nothing; the Price
     is the input's. (A buy's Amount = quantity x price is checked too, tagged
     [non-tax].)
  3. Tax Impact per account: the year's figures and carryforwards (a negative one read
     as its size), the run's ST/LT gains and losses (losses net of disallowed loss),
     Net ST/LT (+ loss added back by manual buys, to the sale's term), Tax Before /
     After (cross-term offset, the account's rates, never below zero, half-up to the
     cent), Tax Impact, Tax Budget, Budget Left, Disallowed Loss. Untaxed accounts owe
     no tax. These are checked against the Lots Sold rows as written (so one wrong lot
     is reported once, at its row); where the contract's own lot figures give another
     Tax Impact, one more line says so.
  4. Est Tax: each trade's increment of its account's rounded estimate, replayed in
     Trades order; per account they add up to the Tax Impact (a manual buy in another
     account that disallows this account's loss adds its increment with no trade).
  5. Tax budget: Tax Impact <= budget unless a Needs Approval exception for the
     account speaks of the budget.
  6. Wash sales, tax side only: Loss Sale rows agree with Lots Sold; a lot's Disallowed
     rows add up to its Disallowed Loss = loss x matched / sold (half-up; later parts
     with the README's running rounding); replacement shares are not matched twice;
     a restated lot's basis = its share of the lot's basis + the disallowed loss;
     manual-buy disallowances of this year's sales are added back in the selling account
     (an earlier year's sale is disallowed on that year's return); a disallowed
     loss that cannot be computed has a Needs Approval exception.

Prints one line per mismatch (sheet, row, column, expected, found) and a summary.
Exit 0 when everything agrees, 1 on mismatches, 2 on usage or unreadable input.
"""

import calendar
import datetime as dt
import itertools
import re
import sys
from decimal import Decimal, ROUND_HALF_UP, InvalidOperation

import openpyxl

CENT = Decimal("0.01")
ZERO = Decimal(0)

UNTAXED = {"ira", "roth", "401k", "403b", "sep", "simple", "hsa"}
TAXED = {"taxable", "individual", "joint", "trust", "custodial", ""}
# Registrations the README's Decisions read as a type (a few common ones).
UNTAXED_WORDS = ("ira", "roth", "401", "403", "sep", "simple", "hsa", "health savings")


def q2(d):
    return d.quantize(CENT, rounding=ROUND_HALF_UP)


def norm(s):
    """Header/sheet/key matching: case, spaces, punctuation, BOM, a trailing unit."""
    s = str(s).replace("\ufeff", "").strip().lower()
    s = re.sub(r"\s*\((\$|%|usd)\)\s*$", "", s)
    s = re.sub(r"\s*(\$|%)\s*$", "", s)
    return re.sub(r"[^a-z0-9]", "", s)


class Unreadable(Exception):
    pass


def to_dec(v, where=""):
    """A cell value as an exact Decimal (None for empty)."""
    if v is None:
        return None
    if isinstance(v, bool):
        raise Unreadable(f"{where}: boolean where a number is needed")
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        return Decimal(repr(v))  # shortest decimal that reads back as the double
    if isinstance(v, Decimal):
        return v
    s = str(v).strip()
    if s in ("", "--", "-", "N/A", "n/a"):
        return None
    neg = False
    if s.startswith("(") and s.endswith(")"):
        neg, s = True, s[1:-1].strip()
    pct = s.endswith("%")
    if pct:
        s = s[:-1].strip()
    sign = ""
    if s[:1] in "+-":
        sign, s = s[0], s[1:]
    s = s.replace("$", "").replace(",", "").strip()
    if s.endswith("."):
        s = s[:-1]
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise Unreadable(f"{where}: cannot read {v!r} as a number")
    if sign == "-":
        d = -d
    if neg:
        d = -d
    if pct:
        d = d / 100
    return d


def is_pct_cell(cell):
    return isinstance(cell.value, str) and cell.value.strip().endswith("%") or (
        isinstance(cell.value, (int, float)) and "%" in (cell.number_format or ""))


def to_date(v, where=""):
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, (int, float)):
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(v))
    s = str(v).strip()
    if not s or s in ("--", "-", "N/A", "n/a"):
        return None
    s = s.split()[0] if re.match(r"^\d", s) else s
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$", s)
    if m:
        y = int(m[3])
        if len(m[3]) == 2:
            y += 2000 if y <= 68 else 1900
        return dt.date(y, int(m[1]), int(m[2]))
    raise Unreadable(f"{where}: cannot read {v!r} as a date")


# --------------------------------------------------------------------------- reading


class Table:
    """A sheet's table: the header row found as the contract says, rows as dicts of cells."""

    def __init__(self, ws, synonyms, required):
        self.ws = ws
        self.title = ws.title
        self.cols = {}
        self.rows = []  # (excel row number, {canonical: cell})
        rows = list(ws.iter_rows())
        header_at = None
        for i, row in enumerate(rows):
            found = {}
            for j, c in enumerate(row):
                if c.value is None:
                    continue
                canon = synonyms.get(norm(c.value))
                if canon and canon not in found:
                    found[canon] = j
            if len(found) >= 2 and all(any(r in found for r in alt) for alt in required):
                header_at, self.cols = i, found
                break
        if header_at is None:
            raise Unreadable(f"{ws.title}: no header row with {required}")
        for row in rows[header_at + 1:]:
            cells = {k: (row[j] if j < len(row) else None) for k, j in self.cols.items()}
            vals = [c.value for c in cells.values() if c is not None]
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in vals):
                continue
            self.rows.append((row[0].row, cells))

    @staticmethod
    def val(cells, key):
        c = cells.get(key)
        if c is None:
            return None
        v = c.value
        if isinstance(v, str) and not v.strip():
            return None
        return v


def syn(mapping):
    out = {}
    for canon, names in mapping.items():
        out[norm(canon)] = canon
        for n in names:
            out[norm(n)] = canon
    return out


SHEETS = {
    "Settings": ["Settings"],
    "Accounts": ["Accounts"],
    "Lots": ["Lots", "Tax Lots", "Holdings", "Positions", "Lot Details"],
    "Prices": ["Prices"],
    "Transactions": ["Transactions"],
}

ACCOUNTS_SYN = syn({
    "Account": ["Account Number", "Account #", "Account ID"],
    "Type": [], "Tax Budget": [], "Short-Term Rate": ["ST Rate"], "Long-Term Rate": ["LT Rate"],
    "Realized ST YTD": [], "Realized LT YTD": [],
    "ST Loss Carryforward": ["ST Carryforward"], "LT Loss Carryforward": ["LT Carryforward"],
    "Name": [], "Household": [], "Cash": [],
})
LOTS_SYN = syn({
    "Account": ["Account Number", "Account #"], "Symbol": ["Ticker", "Symbol/CUSIP"],
    "Lot ID": [], "Quantity": ["Shares", "Qty", "Qty (Quantity)"],
    "Cost Basis": ["Cost Basis Total", "Total Cost"],
    "Unit Cost": ["Cost/Share", "Cost Per Share", "Average Cost Basis", "Price Paid"],
    "Acquired": ["Open Date", "Date Acquired", "Acquisition Date"],
    "Term": ["Holding Period"],
})
PRICES_SYN = syn({"Symbol": ["Ticker", "Symbol/CUSIP"], "Price": [], "As Of": [],
                  "Override": [], "Source": []})
SETTINGS_SYN = syn({"Setting": [], "Value": []})
TX_SYN = syn({"Account": ["Account Number", "Account #"], "Date": ["Trade Date", "Run Date"],
              "Symbol": ["Ticker"], "Side": ["Action", "Transaction Type"],
              "Quantity": ["Shares", "Qty"], "Price": [], "Realized Gain": [], "Term": []})


def find_sheet(wb, canon):
    names = {norm(n) for n in SHEETS[canon]}
    hits = [ws for ws in wb.worksheets if norm(ws.title) in names]
    vis = [ws for ws in hits if ws.sheet_state == "visible"]
    return (vis or hits or [None])[0]


def parse_rate_column(cells_list):
    """Weights/rates read per column: percent cells are fractions; plain numbers are
    percents if any plain number in the column is above 1."""
    plain_over_one = False
    for c in cells_list:
        if c is None or c.value is None or is_pct_cell(c):
            continue
        d = to_dec(c.value)
        if d is not None and d > 1:
            plain_over_one = True
    out = []
    for c in cells_list:
        if c is None or c.value is None:
            out.append(None)
            continue
        d = to_dec(c.value)
        if d is not None and not is_pct_cell(c) and plain_over_one:
            d = d / 100
        out.append(d)
    return out


UNLIMITED = {"unlimited", "nolimit", "nocap", "uncapped", "nomax"}


def parse_budget(v, where):
    if v is None:
        return "default"
    if isinstance(v, str) and norm(v) in UNLIMITED:
        return None
    if isinstance(v, str) and norm(v) in ("none", "na"):
        return "default"
    d = to_dec(v, where)
    return "default" if d is None else d


def parse_term(v):
    if v is None:
        return None
    s = norm(v)
    if s in ("lt", "long", "longterm", "inherited"):
        return "LT"
    if s in ("st", "short", "shortterm"):
        return "ST"
    return None


def account_taxed(type_value):
    """Contract types; a registration spelled otherwise is untaxed when it names a
    retirement or health account (README Decisions), else taxed."""
    t = norm(type_value or "")
    if t in UNTAXED:
        return False
    if t in {norm(x) for x in TAXED}:
        return True
    low = str(type_value).lower()
    return not any(w in low for w in UNTAXED_WORDS)


class Book:
    pass


def read_input(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    b = Book()
    b.notes = []
    # Settings
    settings = {}
    ws = find_sheet(wb, "Settings")
    if ws is not None:
        t = Table(ws, SETTINGS_SYN, [("Setting",), ("Value",)])
        for r, cells in t.rows:
            k = Table.val(cells, "Setting")
            if k is None:
                continue
            key = norm(str(k).replace("%", " pct"))
            settings[key] = cells.get("Value")

    def setting(key):
        c = settings.get(norm(key))
        return None if c is None else c

    def setting_rate(key, default):
        c = setting(key)
        if c is None or c.value is None:
            return default
        return parse_rate_column([c])[0]

    as_of = setting("As Of Date")
    b.as_of = to_date(as_of.value, "Settings!As Of Date") if as_of is not None else None
    b.st_rate = setting_rate("Short-Term Rate", Decimal("0.408"))
    b.lt_rate = setting_rate("Long-Term Rate", Decimal("0.238"))
    bc = setting("Tax Budget")
    bud = parse_budget(bc.value if bc is not None else None, "Settings!Tax Budget")
    b.budget = None if bud == "default" else bud

    # Lots
    ws = find_sheet(wb, "Lots")
    if ws is None:
        raise Unreadable("no Lots sheet (only the canonical layout is read)")
    t = Table(ws, LOTS_SYN, [("Symbol",), ("Quantity",), ("Cost Basis", "Unit Cost"), ("Acquired",)])
    b.lots = {}  # (account, lot id) -> dict
    lot_rows = []
    for r, cells in t.rows:
        sym = Table.val(cells, "Symbol")
        if sym is None:
            continue
        sym = str(sym).strip().upper()
        if sym.startswith("TOTAL") or sym.endswith("**") or " " in sym:
            continue  # footer, summary and sweep rows of custodian exports
        if Table.val(cells, "Quantity") is None or Table.val(cells, "Acquired") is None:
            continue
        acct = Table.val(cells, "Account")
        acct = None if acct is None else str(acct).strip()
        qty = to_dec(Table.val(cells, "Quantity"), f"{ws.title}!row {r}")
        cb = to_dec(Table.val(cells, "Cost Basis"), f"{ws.title}!row {r}")
        uc = to_dec(Table.val(cells, "Unit Cost"), f"{ws.title}!row {r}")
        if cb is None and uc is not None and qty is not None:
            cb = q2(uc * qty)
        acq = to_date(Table.val(cells, "Acquired"), f"{ws.title}!row {r}")
        lid = Table.val(cells, "Lot ID")
        lid = f"{sym}-r{r}" if lid is None else str(lid).strip()
        if isinstance(Table.val(cells, "Lot ID"), float) and float(lid).is_integer():
            lid = str(int(float(lid)))
        lot_rows.append(dict(account=acct, symbol=sym, lot=lid, qty=qty, basis=cb,
                             acquired=acq, term=parse_term(Table.val(cells, "Term")), row=r))

    # Accounts
    b.accounts = {}  # id -> dict
    b.account_order = []
    ws = find_sheet(wb, "Accounts")
    if ws is not None:
        t = Table(ws, ACCOUNTS_SYN, [("Account",)])
        rate_cols = {}
        for key in ("Short-Term Rate", "Long-Term Rate"):
            rate_cols[key] = parse_rate_column([cells.get(key) for _, cells in t.rows])
        for i, (r, cells) in enumerate(t.rows):
            a = Table.val(cells, "Account")
            if a is None:
                continue
            if isinstance(a, float) and a.is_integer():
                a = int(a)
            a = str(a).strip()
            w = f"{ws.title}!row {r}"
            bud = parse_budget(Table.val(cells, "Tax Budget"), w)
            acc = dict(
                id=a,
                taxed=account_taxed(Table.val(cells, "Type")),
                type=Table.val(cells, "Type"),
                st_rate=rate_cols["Short-Term Rate"][i] if rate_cols["Short-Term Rate"][i] is not None else b.st_rate,
                lt_rate=rate_cols["Long-Term Rate"][i] if rate_cols["Long-Term Rate"][i] is not None else b.lt_rate,
                st_ytd=to_dec(Table.val(cells, "Realized ST YTD"), w) or ZERO,
                lt_ytd=to_dec(Table.val(cells, "Realized LT YTD"), w) or ZERO,
                st_cf=abs(to_dec(Table.val(cells, "ST Loss Carryforward"), w) or ZERO),
                lt_cf=abs(to_dec(Table.val(cells, "LT Loss Carryforward"), w) or ZERO),
                budget=b.budget if bud == "default" else bud,
            )
            b.accounts[a] = acc
            b.account_order.append(a)
    if not b.accounts:
        names = []
        for lr in lot_rows:
            n = lr["account"] or "Account"
            if n not in names:
                names.append(n)
        for a in names:
            b.accounts[a] = dict(id=a, taxed=True, type=None, st_rate=b.st_rate, lt_rate=b.lt_rate,
                                 st_ytd=ZERO, lt_ytd=ZERO, st_cf=ZERO, lt_cf=ZERO, budget=b.budget)
            b.account_order.append(a)
    # account spelled otherwise (case/spaces) -> the Accounts sheet's
    canon_acct = {re.sub(r"\s+", "", a.lower()): a for a in b.accounts}
    only = b.account_order[0] if len(b.account_order) == 1 else None
    for lr in lot_rows:
        a = lr["account"]
        if a is None:
            a = only
        else:
            a = canon_acct.get(re.sub(r"\s+", "", a.lower()), a)
        lr["account"] = a
        b.lots[(a, lr["lot"])] = lr

    # Prices
    b.prices = {}
    ws = find_sheet(wb, "Prices")
    if ws is not None:
        t = Table(ws, PRICES_SYN, [("Symbol",), ("Price",)])
        for r, cells in t.rows:
            sym = Table.val(cells, "Symbol")
            if sym is None:
                continue
            ov = to_dec(Table.val(cells, "Override"), f"Prices!row {r}")
            p = to_dec(Table.val(cells, "Price"), f"Prices!row {r}")
            b.prices[str(sym).strip().upper()] = ov if ov is not None else p

    # Transactions: the sales' Term, for manual-buy add-backs; the buys' shares and price, for
    # the shares a day's buys bought beyond its held lots (sold since)
    b.tx_sales, b.tx_buys = [], []
    ws = find_sheet(wb, "Transactions")
    if ws is not None:
        try:
            t = Table(ws, TX_SYN, [("Date",), ("Symbol",), ("Side",)])
            for r, cells in t.rows:
                side = str(Table.val(cells, "Side") or "").lower()
                bought, sold = "buy" in side or "bought" in side, "sell" in side or "sold" in side
                if not (bought or sold):
                    continue
                a = Table.val(cells, "Account")
                a = only if a is None else canon_acct.get(re.sub(r"\s+", "", str(a).lower()), str(a))
                row = dict(account=a, date=to_date(Table.val(cells, "Date")),
                           symbol=str(Table.val(cells, "Symbol") or "").strip().upper(),
                           qty=to_dec(Table.val(cells, "Quantity")))
                if bought:
                    b.tx_buys.append(dict(row, price=to_dec(Table.val(cells, "Price"))))
                if sold:
                    b.tx_sales.append(dict(row, gain=to_dec(Table.val(cells, "Realized Gain")),
                                           term=parse_term(Table.val(cells, "Term")), row=r))
        except Unreadable:
            pass
    return b


def read_output_sheet(wb, name):
    if name not in wb.sheetnames:
        raise Unreadable(f"output has no {name} sheet")
    ws = wb[name]
    rows = list(ws.iter_rows())
    header = [c.value for c in rows[0]]
    idx = {h: i for i, h in enumerate(header) if h is not None}
    out = []
    for row in rows[1:]:
        vals = [c.value for c in row]
        if all(v is None for v in vals):
            continue
        first = vals[0]
        if name in ("Trades", "Lots Sold", "Tax Impact", "Cash") and first in (
                "Total", "Total Sells", "Total Buys") and all(
                v is None or (isinstance(v, str) and v.startswith("=")) or isinstance(v, (int, float))
                for v in vals[1:]) and (name != "Tax Impact" or first == "Total"):
            continue
        out.append((row[0].row, {h: vals[i] if i < len(vals) else None for h, i in idx.items()}))
    return out, idx


# --------------------------------------------------------------------------- rules


def holding_year_end(acq):
    last = calendar.monthrange(acq.year, acq.month)[1]
    y = acq.year + 1
    if acq.day == last:
        return dt.date(y, acq.month, calendar.monthrange(y, acq.month)[1])
    return dt.date(y, acq.month, acq.day)


def term_of(acq, trade_date, override):
    if override:
        return override
    return "LT" if trade_date > holding_year_end(acq) else "ST"


def tax_of(st_rate, lt_rate, net_st, net_lt):
    st, lt = net_st, net_lt
    if st < 0 and lt > 0:
        lt, st = max(ZERO, lt + st), ZERO
    elif lt < 0 and st > 0:
        st, lt = max(ZERO, st + lt), ZERO
    t = st_rate * max(ZERO, st) + lt_rate * max(ZERO, lt)
    return max(ZERO, q2(t))


# --------------------------------------------------------------------------- checking


def natural_key(lot_id):
    """Lot IDs compare digit runs as numbers (README: AAPL-r7 before AAPL-r10)."""
    return [(0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.findall(r"\d+|\D+", lot_id)]


class Checker:
    def __init__(self, inp, outp):
        self.mismatches = []
        self.notes = []
        self.counts = dict(lots=0, trades=0, accounts=0, est=0, restated=0, addbacks=0)
        self.b = read_input(inp)
        # the input's lots by account, symbol and day, and what each day's buys bought beyond
        # them (reads_as_unheld, unheld_left)
        self.lots_by_day, self.unheld = {}, {}
        for k, l in self.b.lots.items():
            self.lots_by_day.setdefault((k[0], l["symbol"], l["acquired"]), []).append(k)
        self.wb = openpyxl.load_workbook(outp, data_only=False)

    def bad(self, sheet, row, col, expected, found, why=""):
        self.mismatches.append(
            f"MISMATCH {sheet}!row {row} [{col}]: expected {fmt(expected)}, found {fmt(found)}"
            + (f" ({why})" if why else ""))

    def same_money(self, sheet, row, col, expected, found, why=""):
        if isinstance(found, str) and found.startswith("="):
            f = None
        else:
            try:
                f = to_dec(found)
            except Unreadable:
                f = None
            if f is None and found is None:
                f = ZERO
        if f is None or f != expected or q2(f) != f:
            self.bad(sheet, row, col, expected, found, why)
            return False
        return True

    # ------------------------------------------------------------------ main
    def run(self):
        b = self.b
        trades, _ = read_output_sheet(self.wb, "Trades")
        lots_sold, _ = read_output_sheet(self.wb, "Lots Sold")
        tax_rows, _ = read_output_sheet(self.wb, "Tax Impact")
        wash, _ = read_output_sheet(self.wb, "Wash Sale")
        exceptions, _ = read_output_sheet(self.wb, "Exceptions")
        audit, _ = read_output_sheet(self.wb, "Audit Log") if "Audit Log" in self.wb.sheetnames else ([], None)
        if b.as_of is None:
            b.as_of = self.as_of_from_summary()
        as_of = b.as_of
        taxed = lambda a: b.accounts.get(a, {}).get("taxed", True)
        # The run's buys, by account and symbol: bought on the run date, after every purchase the
        # book records for that day, so a replacement of that day matched beyond the day's held
        # lots is the run's buy (nothing to restate: the run made its lot at its own price).
        self.run_bought = {(str(t["Account"]), str(t["Symbol"])) for _, t in trades if t["Side"] == "Buy"}
        self.run_date = as_of

        # ---- trades index
        trade_of = {}
        for i, (r, t) in enumerate(trades):
            key = (str(t["Account"]), str(t["Symbol"]), t["Side"], t["Phase"])
            if key in trade_of:
                self.bad("Trades", r, "Account/Symbol/Side/Phase", "one row per account, symbol, side, phase",
                         f"a repeat of row {trades[trade_of[key]][0]}")
            trade_of[key] = i
        self.counts["trades"] += len(trades)

        # ---- wash sale rows
        loss_sale_rows, disallowed_rows, addbacks, needs_approval_rows = {}, {}, [], []
        # README Decisions: restated shares are named `<id>-W`, `-W2`... in the order the run
        # restated them, which is the Wash Sale sheet's order of their Disallowed rows (the
        # replay below can meet them in another: a lot relieved in two passes is one Lots Sold
        # row at its first pass). Each row's place among the rows restating purchases of its
        # replacement account, symbol and day:
        self.restate_rank, seen = {}, {}
        for r, w in wash:
            if w.get("Action") == "Disallowed" and w.get("Replacement Basis After") is not None \
                    and not self.reads_as_unheld(w):
                k = (str(w.get("Replacement Account")), str(w.get("Replacement Symbol")), to_date(w.get("Conflict Date")))
                self.restate_rank[r] = seen.get(k, 0)
                seen[k] = self.restate_rank[r] + 1
        for r, w in wash:
            act, lot = w.get("Action"), w.get("Lot ID")
            lot = None if lot is None else str(lot)
            if act == "Loss Sale" and lot is not None:
                loss_sale_rows.setdefault((str(w["Account"]), lot), []).append((r, w))
            elif act == "Disallowed":
                if w.get("Disallowed Loss") is None:
                    needs_approval_rows.append((r, w))   # amount could not be computed
                elif lot is not None:
                    disallowed_rows.setdefault((str(w["Account"]), lot), []).append((r, w))
                else:
                    addbacks.append((r, w))

        # ---- 1. Lots Sold, in execution order: Trades order, but a phase may sell from one
        # position in several passes (Raise Cash tier by tier, Rebalance overweights and then
        # groups and sectors), so that one trade's later pass can follow another trade's and
        # sell a lot an earlier pass restated: an account's lots sold in such a phase are taken
        # in Lots Sold order (the order they were sold; a lot relieved in two passes keeps its
        # first place), placed at its first sale of the phase. Harvest keeps Trades order. (Est
        # Tax is replayed in Trades order below, as the contract's increments are.)
        first_sale = {}
        for i, (r, t) in enumerate(trades):
            if t["Side"] == "Sell" and t["Phase"] != "Harvest":
                first_sale.setdefault((str(t["Account"]), t["Phase"]), i)
        ordered = []
        for j, (r, ls) in enumerate(lots_sold):
            ti = trade_of.get((str(ls["Account"]), str(ls["Symbol"]), "Sell", ls["Phase"]))
            if ti is None:
                self.bad("Lots Sold", r, "Account/Symbol/Phase", "a Sell row on Trades", "none")
                ti = len(trades) + j
            place = first_sale.get((str(ls["Account"]), ls["Phase"]), ti) if ti < len(trades) else ti
            ordered.append((place, j, ti, r, ls))
        ordered.sort(key=lambda x: (x[0], x[1]))
        self.interleaved = sum(1 for x, y in zip(ordered, ordered[1:]) if x[0] == y[0] and x[2] > y[2])
        pass_ends = self.pass_ends(trades, trade_of, audit)
        lots = dict(b.lots)                       # (account, lot id) -> lot (grows with restated lots)
        state = {}                                # (account, lot id) -> [held, basis left]
        applied = set()                           # Disallowed rows already restated
        per_trade = {}                            # trade index -> lot results
        loss_lots, sold_terms = {}, {}
        manual_loss_lots = {}   # the Manual phase's pieces: the sales a manual buy comes after
        pending, cur_trade = [], None

        def flush():
            # README: shares of a replacement lot sold within the same trade are not replacements; the
            # lot is restated once the trade's lots are relieved.
            for wr, w, sold_lot in pending:
                self.restate(wr, w, sold_lot, lots, state, taxed)
            pending.clear()

        sold_in_trade = ZERO
        for _place, j, ti, r, ls in ordered:
            if ti != cur_trade:
                flush()
                cur_trade, sold_in_trade = ti, ZERO
            elif sold_in_trade in pass_ends.get(ti, ()):
                flush()  # the trade's next pass: the run restated what the last one matched
            sold_in_trade += to_dec(ls["Quantity"]) or ZERO
            self.counts["lots"] += 1
            acct, lid, sym = str(ls["Account"]), str(ls["Lot ID"]), str(ls["Symbol"])
            lot = lots.get((acct, lid))
            if lot is None and pending:
                flush()  # a later pass of the same trade sells a lot restated by an earlier pass
                lot = lots.get((acct, lid))
            if lot is None:
                self.bad("Lots Sold", r, "Lot ID", "a lot of the input (or one a wash sale restated earlier)", lid)
                continue
            if lot["symbol"] != sym:
                self.bad("Lots Sold", r, "Symbol", lot["symbol"], sym)
            qty = to_dec(ls["Quantity"])
            st = state.setdefault((acct, lid), [lot["qty"], lot["basis"]])
            held, left = st
            if qty is None or qty <= 0:
                self.bad("Lots Sold", r, "Quantity", "a positive quantity", ls["Quantity"])
                continue
            if qty > held:
                self.bad("Lots Sold", r, "Quantity", f"at most the {held} shares of {acct}/{lid} still held", qty,
                         "sold beyond what is held")
                held = qty  # go on with the row as written
            basis = left if qty == held else q2(left * qty / held)
            # the lot keeps what the tool left it (so one misallocated cent is reported once, where it
            # happens, not again at the lot's next sale)
            o_b = to_dec(ls["Cost Basis"]) if not isinstance(ls["Cost Basis"], str) else None
            st[0], st[1] = held - qty, left - (o_b if o_b is not None else basis)
            tr = trades[ti][1] if ti < len(trades) else None
            price = b.prices.get(sym)
            if price is None:
                price = to_dec(tr["Price"]) if tr else ZERO
                self.notes.append(f"note: {sym} has no Prices row; the Trades price {price} is used")
            elif tr is not None and to_dec(tr["Price"]) != price:
                self.bad("Trades", trades[ti][0], "Price", price, tr["Price"], "the input's Prices sheet")
            proceeds = q2(qty * price)
            gain = proceeds - basis
            term = term_of(lot["acquired"], as_of, lot["term"])
            # the row as written
            o_basis, o_proc, o_gain = to_dec(ls["Cost Basis"]), to_dec(ls["Proceeds"]), to_dec(ls["Gain"])
            o_dis = to_dec(ls.get("Disallowed Loss")) or ZERO
            o_term = ls["Term"] if ls["Term"] in ("ST", "LT") else term
            S = "Lots Sold"
            if to_date(ls["Acquired"]) != lot["acquired"]:
                self.bad(S, r, "Acquired", lot["acquired"], ls["Acquired"],
                         "holding period of a restated lot" if lot.get("restated") else "the input lot's")
            if ls["Term"] != term:
                why = (f"acquired {lot['acquired']}, holding year ends {holding_year_end(lot['acquired'])}, "
                       f"traded {as_of}" + (f", Lots Term override {lot['term']}" if lot["term"] else ""))
                self.bad(S, r, "Term", term, ls["Term"], why)
            self.same_money(S, r, "Cost Basis", basis, ls["Cost Basis"],
                            f"{acct}/{lid}: basis left {left} x {qty} sold / {held} held, half-up")
            self.same_money(S, r, "Proceeds", proceeds, ls["Proceeds"], f"{qty} x {price}, half-up")
            if o_basis is not None and o_proc is not None:
                self.same_money(S, r, "Gain", o_proc - o_basis, ls["Gain"], "Proceeds - Cost Basis")
            if o_gain is None:
                o_gain = gain
            if o_dis < 0 or o_dis > max(ZERO, -o_gain):
                self.bad(S, r, "Disallowed Loss", f"between 0 and the loss {max(ZERO, -o_gain)}", o_dis)
            if not taxed(acct) and o_dis:
                self.bad(S, r, "Disallowed Loss", 0, o_dis, "an untaxed account's loss opens no window")
            if "Realized" in ls:
                self.same_money(S, r, "Realized", o_gain + o_dis, ls["Realized"], "Gain + Disallowed Loss")
            if o_gain < 0 and taxed(acct):
                loss_lots.setdefault((acct, lid), []).append((r, qty, -o_gain, o_dis))
                if ls["Phase"] == "Manual":
                    manual_loss_lots.setdefault((acct, lid), []).append((r, qty, -o_gain, o_dis))
                sold_terms[(acct, lid)] = o_term
            per_trade.setdefault(ti, []).append(dict(
                account=acct, row=r, qty=qty,
                exp=dict(term=term, gain=gain, dis=o_dis, proceeds=proceeds),
                out=dict(term=o_term, gain=o_gain, dis=o_dis, proceeds=o_proc if o_proc is not None else proceeds)))
            # a forced loss sale restates the taxed replacement lots it is matched to
            if o_dis > 0:
                for wr, w in disallowed_rows.get((acct, lid), []):
                    if wr not in applied:
                        applied.add(wr)
                        pending.append((wr, w, lot))
        flush()

        # A manual buy made after a loss sale of this run (Manual phase: an account's sales come before
        # its buys) disallows part of that loss afterwards: those Disallowed rows are add-backs, not
        # part of the Lots Sold row's Disallowed Loss.
        manual_buys = {(str(t["Account"]), str(t["Symbol"])) for _, t in trades
                       if t["Side"] == "Buy" and t["Phase"] == "Manual"}
        run_addbacks = []  # (wash row, row, term of the sold lot)
        for key, drows in list(disallowed_rows.items()):
            sold = loss_lots.get(key, [])
            dis = sum((x[3] for x in sold), ZERO)
            total = sum((to_dec(w.get("Disallowed Loss")) or ZERO for _, w in drows), ZERO)
            if total == dis:
                continue
            cand = [(r, w) for r, w in drows
                    if (str(w.get("Replacement Account")), str(w.get("Replacement Symbol"))) in manual_buys
                    and to_date(w.get("Conflict Date")) == as_of]
            # the add-backs are those of the manual buys whose removal leaves the rows the Lots Sold
            # rows' Disallowed Loss sums (a replacement held from the run date in the buyer's
            # account is not an add-back though its account and symbol are a manual buy's)
            amount = lambda w: to_dec(w.get("Disallowed Loss")) or ZERO
            chosen = None
            if cand and len(cand) <= 12:
                for size in range(len(cand), 0, -1):
                    for picked in itertools.combinations(cand, size):
                        if total - sum((amount(w) for _, w in picked), ZERO) == dis:
                            chosen = list(picked)
                            break
                    if chosen:
                        break
            if chosen:
                disallowed_rows[key] = [(r, w) for r, w in drows if (r, w) not in chosen]
                terms = [sold_terms.get(key)]
                for r, w in chosen:
                    run_addbacks.append((r, w, terms[0] or "ST"))
        for key, sold in loss_lots.items():
            self.check_wash(key, sold, loss_sale_rows, disallowed_rows)
        for key, rows in loss_sale_rows.items():
            if not taxed(key[0]):
                self.bad("Wash Sale", rows[0][0], "Action", "no Loss Sale row for an untaxed account", "Loss Sale",
                         f"{key[0]}/{key[1]}: only a loss sale in a taxed account opens a window")
        for key in disallowed_rows:
            if key not in loss_lots and disallowed_rows[key]:
                r0 = disallowed_rows[key][0][0]
                self.bad("Wash Sale", r0, "Lot ID", "a lot this run sold at a loss in a taxed account", key[1],
                         f"Disallowed row(s) name {key[0]}/{key[1]}")

        # ---- 2. Trades reconcile with their lots
        for i, (r, t) in enumerate(trades):
            res = per_trade.get(i, [])
            if t["Side"] == "Sell":
                qty = sum((x["qty"] for x in res), ZERO)
                if to_dec(t["Quantity"]) != qty:
                    self.bad("Trades", r, "Quantity", qty, t["Quantity"], "sum of its Lots Sold rows")
                self.same_money("Trades", r, "Amount", sum((x["out"]["proceeds"] for x in res), ZERO),
                                t["Amount"], "sum of its Lots Sold proceeds")
                for term, col in (("ST", "Realized ST"), ("LT", "Realized LT")):
                    exp = sum((x["out"]["gain"] + x["out"]["dis"] for x in res if x["out"]["term"] == term), ZERO)
                    self.same_money("Trades", r, col, exp, t[col], "its Lots Sold Gain + Disallowed Loss")
            else:
                price, qty = to_dec(t["Price"]), to_dec(t["Quantity"])
                if price is not None and qty is not None:
                    self.same_money("Trades", r, "Amount", q2(qty * price), t["Amount"],
                                    f"[non-tax] buy of {qty} x {price}, half-up")
                for col in ("Realized ST", "Realized LT"):
                    self.same_money("Trades", r, col, ZERO, t[col], "a buy realizes nothing")

        # ---- manual-buy add-backs (a Transactions loss sale disallowed by a manual buy)
        add_events = []  # (trade index, selling account, term, amount, wash row)
        items = [(r, w, None) for r, w in addbacks] + run_addbacks
        prior_matched = {}
        for r, w, run_term in items:
            self.counts["addbacks"] += 1
            acct = str(w["Account"])
            amt = to_dec(w.get("Disallowed Loss")) or ZERO
            prior_year = False
            if run_term is None:
                sale = self.find_tx_sale(acct, w)
                term = (sale and sale["term"]) or "ST"
                # a sale of an earlier year is disallowed on that year's return: nothing is
                # added back to this year's figures (26 USC 1091(a); README Decisions)
                prior_year = sale is not None and as_of is not None and sale["date"].year < as_of.year
            else:
                term = run_term
                key = (acct, str(w.get("Lot ID")))
                # a manual buy follows the account's Manual sales only: a later phase's piece of
                # the lot is a later sale, which the buy's shares (matched already) do not replace
                lot_rows = manual_loss_lots.get(key) or loss_lots.get(key, [])
                sq = sum((x[1] for x in lot_rows), ZERO)
                sl = sum((x[2] for x in lot_rows), ZERO)
                mq = to_dec(w.get("Quantity")) or ZERO
                # matched before the buy: the lot's Disallowed rows above this one (sheet order is
                # the run's); a later phase's piece matched after it (`larger` 867: Raise Cash's
                # 138 QGH-r44 after the manual buy's 469)
                prior = prior_matched.setdefault(key, sum((to_dec(x.get("Quantity")) or ZERO
                                                           for rr, x in disallowed_rows.get(key, []) if rr < r), ZERO))
                if sq:
                    self.check_proportion(r, amt, sl, sq, prior, mq, f"loss sale of {key[0]}/{key[1]} in this run")
                prior_matched[key] = prior + mq
            if not taxed(acct):
                self.bad("Wash Sale", r, "Account", "a taxed selling account", acct,
                         "an untaxed account's loss sale opens no window")
            bi = trade_of.get((str(w.get("Replacement Account")), str(w.get("Replacement Symbol")), "Buy", "Manual"))
            if bi is None:
                self.bad("Wash Sale", r, "Replacement Account/Symbol", "a Manual Buy on Trades", "none")
            if not prior_year:
                add_events.append((bi, acct, term, amt, r))
        self.check_addback_proportions(addbacks, wash)
        for r, w in needs_approval_rows:
            buyer = str(w.get("Conflict Account") or "")
            na = [e for _, e in exceptions if e.get("Severity") == "Needs Approval"
                  and str(e.get("Where", "")).split("/")[0] in (buyer, str(w["Account"]))]
            if not na:
                self.bad("Exceptions", "-", "Severity", "Needs Approval",
                         "none", f"Wash Sale!row {r}: a disallowed loss that cannot be computed needs approval")
            else:
                self.notes.append(f"note: Wash Sale!row {r}: disallowed loss not computable; Needs Approval: "
                                  f"{na[0]['Message']}")

        # ---- 3. Tax Impact, 4. Est Tax, 5. budget
        tax_by_acct = {str(t["Account"]): (r, t) for r, t in tax_rows}
        lots_by_acct, trades_by_acct = {}, {}
        for lst in per_trade.values():
            for x in lst:
                lots_by_acct.setdefault(x["account"], []).append(x)
        for i, (r, t) in enumerate(trades):
            trades_by_acct.setdefault(str(t["Account"]), []).append(i)
        for e in add_events:
            if e[0] is not None:
                trades_by_acct.setdefault(e[1], []).append(e[0])
        for a in b.account_order:
            self.counts["accounts"] += 1
            if a not in tax_by_acct:
                self.bad("Tax Impact", "-", "Account", a, "no row")
                continue
            self.check_account(a, tax_by_acct[a], lots_by_acct.get(a, []), add_events, trades,
                               sorted(set(trades_by_acct.get(a, []))), per_trade, exceptions)
        for a in tax_by_acct:
            if a not in b.accounts:
                self.bad("Tax Impact", tax_by_acct[a][0], "Account", "an account of the input", a)

    def sums(self, lots, which, add_events, a):
        stg = sum((x[which]["gain"] for x in lots if x[which]["term"] == "ST" and x[which]["gain"] > 0), ZERO)
        stl = sum((-x[which]["gain"] - x[which]["dis"] for x in lots
                   if x[which]["term"] == "ST" and x[which]["gain"] < 0), ZERO)
        ltg = sum((x[which]["gain"] for x in lots if x[which]["term"] == "LT" and x[which]["gain"] > 0), ZERO)
        ltl = sum((-x[which]["gain"] - x[which]["dis"] for x in lots
                   if x[which]["term"] == "LT" and x[which]["gain"] < 0), ZERO)
        add_st = sum((e[3] for e in add_events if e[1] == a and e[2] == "ST"), ZERO)
        add_lt = sum((e[3] for e in add_events if e[1] == a and e[2] == "LT"), ZERO)
        dis = sum((x[which]["dis"] for x in lots), ZERO) + add_st + add_lt
        return stg, stl, ltg, ltl, add_st, add_lt, dis

    def check_account(self, a, tax_row, mine, add_events, trades, trade_idx, per_trade, exceptions):
        acc = self.b.accounts[a]
        r, t = tax_row
        S = "Tax Impact"
        net_st0 = acc["st_ytd"] - acc["st_cf"]
        net_lt0 = acc["lt_ytd"] - acc["lt_cf"]

        def estimate(net_st, net_lt):
            return tax_of(acc["st_rate"], acc["lt_rate"], net_st, net_lt) if acc["taxed"] else ZERO

        before = estimate(net_st0, net_lt0)
        results = {}
        for which in ("out", "exp"):
            stg, stl, ltg, ltl, add_st, add_lt, dis = self.sums(mine, which, add_events, a)
            net_st = net_st0 + stg - stl + add_st
            net_lt = net_lt0 + ltg - ltl + add_lt
            after = estimate(net_st, net_lt)
            results[which] = (stg, stl, ltg, ltl, add_st, add_lt, dis, net_st, net_lt, after, after - before)
        stg, stl, ltg, ltl, add_st, add_lt, dis, net_st, net_lt, after, impact = results["out"]
        n0 = len(self.mismatches)
        self.same_money(S, r, "Realized ST YTD", acc["st_ytd"], t["Realized ST YTD"], "input Accounts")
        self.same_money(S, r, "Realized LT YTD", acc["lt_ytd"], t["Realized LT YTD"], "input Accounts")
        self.same_money(S, r, "ST Carryforward", acc["st_cf"], t["ST Carryforward"], "input Accounts (its size)")
        self.same_money(S, r, "LT Carryforward", acc["lt_cf"], t["LT Carryforward"], "input Accounts (its size)")
        self.same_money(S, r, "ST Gains", stg, t["ST Gains"], "sum of its ST lots' gains")
        self.same_money(S, r, "ST Losses", stl, t["ST Losses"], "its ST lots' losses less disallowed loss")
        self.same_money(S, r, "LT Gains", ltg, t["LT Gains"], "sum of its LT lots' gains")
        self.same_money(S, r, "LT Losses", ltl, t["LT Losses"], "its LT lots' losses less disallowed loss")
        self.same_money(S, r, "Net ST", net_st, t["Net ST"],
                        f"{acc['st_ytd']} - {acc['st_cf']} + {stg} - {stl}" + (f" + added back {add_st}" if add_st else ""))
        self.same_money(S, r, "Net LT", net_lt, t["Net LT"],
                        f"{acc['lt_ytd']} - {acc['lt_cf']} + {ltg} - {ltl}" + (f" + added back {add_lt}" if add_lt else ""))
        rates = f"rates {acc['st_rate']}/{acc['lt_rate']}" if acc["taxed"] else "untaxed account"
        self.same_money(S, r, "Tax Before", before, t["Tax Before"], f"{rates}, net ST/LT {net_st0}/{net_lt0}")
        self.same_money(S, r, "Tax After", after, t["Tax After"], f"{rates}, net ST/LT {net_st}/{net_lt}")
        self.same_money(S, r, "Tax Impact", impact, t["Tax Impact"], "Tax After - Tax Before")
        self.same_money(S, r, "Disallowed Loss", dis, t["Disallowed Loss"],
                        "its Lots Sold disallowed loss + manual-buy add-backs")
        # Columns past the contract's, when the output has them: the add-backs by term.
        if "ST Added Back" in t:
            self.same_money(S, r, "ST Added Back", add_st, t["ST Added Back"], "manual-buy add-backs to ST")
        if "LT Added Back" in t:
            self.same_money(S, r, "LT Added Back", add_lt, t["LT Added Back"], "manual-buy add-backs to LT")
        # the same figures from the contract's own lot arithmetic (cascade of Lots Sold mismatches)
        if len(self.mismatches) == n0 and results["exp"][10] != impact:
            e = results["exp"]
            self.bad(S, r, "Tax Impact (from the contract's lot figures)", e[10], t["Tax Impact"],
                     f"follows from the Lots Sold mismatches above: net ST/LT {e[7]}/{e[8]}, tax after {e[9]}")
        budget = acc["budget"]
        if budget is None:
            for col in ("Tax Budget", "Budget Left"):
                if t[col] != "Unlimited":
                    self.bad(S, r, col, "Unlimited", t[col])
        else:
            self.same_money(S, r, "Tax Budget", budget, t["Tax Budget"], "Accounts column, else Settings")
            self.same_money(S, r, "Budget Left", budget - to_dec(t["Tax Impact"] or 0), t["Budget Left"],
                            "[README layout] Tax Budget - Tax Impact")
            found_impact = to_dec(t["Tax Impact"]) if not isinstance(t["Tax Impact"], str) else impact
            if acc["taxed"] and found_impact is not None and found_impact > budget:
                why = [e for _, e in exceptions if e.get("Severity") == "Needs Approval"
                       and str(e.get("Where", "")).split("/")[0] == a
                       and "budget" in str(e.get("Message", "")).lower()]
                if not why:
                    self.bad(S, r, "Tax Impact", f"<= the {budget} budget, or a Needs Approval row saying why",
                             found_impact, "no Needs Approval exception about the budget for this account")
                else:
                    self.notes.append(f"note: {a} passes its {budget} budget by {found_impact - budget}; "
                                      + " | ".join(str(e["Message"]) for e in why))

        # ---- 4. Est Tax replay in Trades order
        st_, lt_ = net_st0, net_lt0
        prev, total_est = before, ZERO
        for i in trade_idx:
            tr_row, tr = trades[i]
            events = [e for e in add_events if e[1] == a and e[0] == i]
            if str(tr["Account"]) != a and not events:
                continue
            for x in per_trade.get(i, []):
                if x["account"] == a:
                    allowed = x["out"]["gain"] + x["out"]["dis"]
                    if x["out"]["term"] == "ST":
                        st_ += allowed
                    else:
                        lt_ += allowed
            for e in events:
                if e[2] == "ST":
                    st_ += e[3]
                else:
                    lt_ += e[3]
            now = estimate(st_, lt_)
            inc, prev = now - prev, now
            if str(tr["Account"]) == a:
                self.counts["est"] += 1
                total_est += to_dec(tr["Est Tax"]) or ZERO
                self.same_money("Trades", tr_row, "Est Tax", inc, tr["Est Tax"],
                                f"{a}'s estimate goes to {now} with this trade, in Trades order")
            else:
                total_est += inc
                self.notes.append(f"note: {a}: the manual buy on Trades row {tr_row} ({tr['Account']}) "
                                  f"adds {inc} of tax to {a} with no trade of its own")
        found = to_dec(t["Tax Impact"]) if not isinstance(t["Tax Impact"], str) else None
        if found is not None and total_est != found:
            self.bad("Trades", "-", f"sum of {a}'s Est Tax", found, total_est,
                     "Est Tax should add up to the account's Tax Impact")

    # ----------------------------------------------------------------- helpers
    def restate(self, wr, w, sold_lot, lots, state, taxed):
        """README Decisions: a held lot of a taxed account matched as a replacement to a forced loss
        sale is restated at once: the matched shares become lot '<id>-W' with their share of the basis
        plus the disallowed loss allotted to them, held from the Wash Sale sheet's date."""
        racct, rsym = str(w.get("Replacement Account")), str(w.get("Replacement Symbol"))
        if not taxed(racct):
            return
        if w.get("Replacement Basis After") is None:
            # a held lot of a taxed account always has a basis after: this replacement is a
            # purchase of unknown cost no longer held (Transactions buys beyond the day's lot)
            self.counts["unheld"] = self.counts.get("unheld", 0) + 1
            return
        bought = to_date(w.get("Conflict Date"))
        matched = to_dec(w.get("Quantity")) or ZERO
        amt = to_dec(w.get("Disallowed Loss")) or ZERO
        same_day = sorted((k for k, l in lots.items() if k[0] == racct and l["symbol"] == rsym
                           and l["acquired"] == bought and not l.get("restated")), key=lambda k: natural_key(k[1]))
        # README Decisions: shares a day's Transactions buys bought beyond its held lots were sold
        # since; matched, they cost the day's one price (when it has one) and restate nothing
        if self.reads_as_unheld(w):
            self.unheld[(racct, rsym, bought)][0] -= matched
            self.counts["unheld"] = self.counts.get("unheld", 0) + 1
            return
        cands = [k for k in same_day if state.get(k, [lots[k]["qty"]])[0] >= matched]
        if not cands and bought == self.run_date and (racct, rsym) in self.run_bought:
            self.counts["run buys"] = self.counts.get("run buys", 0) + 1
            return   # README Decisions: the run's buy, matched after the day's held lots
        if same_day and not cands:
            held_now = sum((state.get(k, [lots[k]["qty"]])[0] for k in same_day), ZERO)
            self.bad("Wash Sale", wr, "Quantity", f"at most the {held_now} unmatched replacement shares of "
                     f"{racct}/{rsym} bought {bought} still held after the trade", matched,
                     f"contract: replacement shares are matched each share once; {amt} of the loss on "
                     f"{w.get('Account')}/{w.get('Lot ID')} is disallowed against shares already matched or sold")
            key = same_day[0]
            take = min(matched, state.get(key, [lots[key]["qty"]])[0])
            if take <= 0:
                return
            matched = take
            cands = [key]
        if not cands:
            return  # a purchase no longer held (Transactions) or bought in this run: nothing to restate
        if len(cands) > 1:
            self.notes.append(f"note: Wash Sale!row {wr}: several lots of {racct}/{rsym} bought {bought}; "
                              f"{cands[0][1]} taken as the replacement")
        key = cands[0]
        lot = lots[key]
        st = state.setdefault(key, [lot["qty"], lot["basis"]])
        held, left = st
        moved = left if matched == held else q2(left * matched / held)
        st[0], st[1] = held - matched, left - moved
        new_basis = moved + amt
        hp = to_date(w.get("Holding Period From")) or sold_lot["acquired"]
        if w.get("Replacement Basis After") is not None:
            self.same_money("Wash Sale", wr, "Replacement Basis After", new_basis, w.get("Replacement Basis After"),
                            f"{key[1]}: {moved} for {matched} of {held} shares + disallowed {amt}")
        # the name the run gave it: the first free one after those of the restatements before it
        # (a rank counts the rows of the replacement's account, symbol and day: it names the lot
        # only when that day holds one lot of the symbol there)
        n, nid, skip = 1, f"{key[1]}-W", self.restate_rank.get(wr, 0) if len(same_day) == 1 else 0
        while True:
            present = (racct, nid) in lots
            if not (present and not lots[(racct, nid)].get("restated")):   # not an input lot's name
                if skip == 0 and not present:
                    break
                skip = max(0, skip - 1)
            n += 1
            nid = f"{key[1]}-W{n}"
        # README Decisions: the restated shares' term follows the date they are held from, unless
        # the sold shares or the replacement were long-term by a Lots Term mark (a holding period is
        # never shortened; a short-term mark of the replacement's own purchase does not stand).
        sold_long = term_of(sold_lot["acquired"], self.b.as_of, sold_lot.get("term")) == "LT"
        mark = "LT" if sold_long or lot.get("term") == "LT" else None
        lots[(racct, nid)] = dict(account=racct, symbol=rsym, lot=nid, qty=matched, basis=new_basis,
                                  acquired=hp, term=mark, restated=True)
        self.counts["restated"] += 1
        self.notes.append(f"note: {racct}/{nid} restated from {key[1]} by Wash Sale!row {wr}: {matched} shares, "
                          f"basis {new_basis}, held from {hp}")

    @staticmethod
    def pass_ends(trades, trade_of, audit):
        """Where a trade's passes end, as the shares its Lots Sold rows have sold by then (the
        trade's total left out), by trade index: the Audit Log's `Sold` rows give each Raise Cash
        pass's and each Rebalance cap or sector pass's shares, in order; a Rebalance trade's
        shares beyond those were sold first, by its overweight pass, which logs none. The run
        restates the replacements a pass's loss sales matched when the pass is made, so the
        trade's later passes sell restated lots (`larger` book 764: SLZ-r4 forced, matching 16 of
        SLZ-r2's shares, then 140 of the other 167 past the budget). A trade whose logged passes
        do not add up to it is left whole."""
        logged = {}
        for _r, a in audit:
            if a.get("Decision") != "Sold" or a.get("Phase") not in ("Raise Cash", "Rebalance"):
                continue
            m = re.match(r"([\d.]+) (\S+) sold (?:for|to bring)", str(a.get("Detail") or ""))
            if m is None:
                continue
            key = (str(a.get("Account")), m.group(2), "Sell", a.get("Phase"))
            logged.setdefault(key, []).append(Decimal(m.group(1)))
        ends = {}
        for key, quantities in logged.items():
            ti = trade_of.get(key)
            total = to_dec(trades[ti][1]["Quantity"]) if ti is not None else None
            if total is None:
                continue
            if key[3] == "Rebalance" and sum(quantities) < total:
                quantities = [total - sum(quantities)] + quantities
            if sum(quantities) != total:
                continue
            running, marks = ZERO, set()
            for q in quantities[:-1]:
                running += q
                marks.add(running)
            ends[ti] = marks
        return ends

    def reads_as_unheld(self, w):
        """Whether a Disallowed row matches shares a day's buys bought beyond its held lots: the
        day has such shares left unmatched, and the row's basis after is their price x shares +
        the disallowed loss."""
        racct, rsym = str(w.get("Replacement Account")), str(w.get("Replacement Symbol"))
        day, matched = to_date(w.get("Conflict Date")), to_dec(w.get("Quantity")) or ZERO
        after, amt = to_dec(w.get("Replacement Basis After")), to_dec(w.get("Disallowed Loss")) or ZERO
        held = self.lots_by_day.get((racct, rsym, day), [])
        extra = self.unheld_left(racct, rsym, day, held) if held else None
        return extra is not None and after is not None and matched <= extra[0] and after == q2(extra[1] * matched) + amt

    def unheld_left(self, acct, sym, day, held_keys):
        """[shares, price] of the day's Transactions buys beyond its held lots not yet matched,
        when every buy of the day has a quantity and all paid one price; else None."""
        key = (acct, sym, day)
        if key not in self.unheld:
            buys = [t for t in self.b.tx_buys if t["account"] == acct and t["symbol"] == sym and t["date"] == day]
            held = sum((self.b.lots[k]["qty"] for k in held_keys if k in self.b.lots), ZERO)
            prices = {t["price"] for t in buys}
            ok = buys and all(t["qty"] is not None for t in buys) and len(prices) == 1 and None not in prices
            bought = sum((t["qty"] for t in buys), ZERO) if ok else ZERO
            self.unheld[key] = [bought - held, prices.pop()] if ok and bought > held else None
        return self.unheld[key]

    def as_of_from_summary(self):
        ws = self.wb["Summary"]
        for row in ws.iter_rows(values_only=True):
            for i, v in enumerate(row):
                if isinstance(v, str) and "as of" in v.lower():
                    for w in row[i + 1:]:
                        if isinstance(w, (dt.date, dt.datetime)):
                            return to_date(w)
        raise Unreadable("no As Of date in the input's Settings or the output's Summary")

    def find_tx_sale(self, acct, w):
        cands = [s for s in self.b.tx_sales if s["account"] == acct]
        note = str(w.get("Note") or "")
        m = re.search(r"the (\d{4}-\d{2}-\d{2}) loss sale of (\S+)", note)
        if m:
            d = dt.date.fromisoformat(m.group(1))
            cands = [s for s in cands if s["date"] == d and s["symbol"] == m.group(2)]
        if len(cands) > 1:
            # several sales of the symbol that day: the row's Loss names the one (then the
            # shares it was of, "(1 of 139 shares)")
            loss = to_dec(w.get("Loss")) if not isinstance(w.get("Loss"), str) else None
            if loss is not None:
                cands = [s for s in cands if s.get("gain") is not None and -s["gain"] == loss] or cands
            of = re.search(r"of ([\d.]+) shares\)", note)
            if len(cands) > 1 and of:
                cands = [s for s in cands if s.get("qty") is not None and s["qty"] == Decimal(of.group(1))] or cands
        return cands[0] if len(cands) == 1 else None

    def check_proportion(self, r, amt, loss, sold, prior, matched, what):
        """Contract: the disallowed part is loss x matched shares / sold shares, half-up. README
        (Decisions): a loss split over several replacements is split with a running rounding, so a
        later part is round(loss x (prior + matched) / sold) - round(loss x prior / sold)."""
        direct = q2(loss * matched / sold)
        running = q2(loss * (prior + matched) / sold) - q2(loss * prior / sold)
        if amt == running:
            if running != direct:
                self.notes.append(f"note: Wash Sale!row {r}: {amt} is the README's running rounding after "
                                  f"{prior} shares matched earlier; loss x matched / sold alone gives {direct}")
            return
        self.bad("Wash Sale", r, "Disallowed Loss", running, amt,
                 f"{what}: loss {loss} x {matched} matched / {sold} sold, after {prior} matched earlier, half-up"
                 + (f"; without the running rounding {direct}" if direct != running else ""))

    def check_addback_proportions(self, addbacks, wash):
        """A manual buy disallows a Transactions loss sale's loss in proportion, added back to the sale's
        term: loss x the shares it matches / shares sold. Several buys of one sale run the rounding over
        the run's matches only (README Decisions): shares that replaced the sale before the run are the
        custodian's to account for and do not move a cent into the run's part."""
        groups = {}
        for r, w in addbacks:
            sale = self.find_tx_sale(str(w["Account"]), w)
            if sale is None or sale["qty"] is None or sale["gain"] is None:
                continue
            groups.setdefault(sale["row"], (sale, []))[1].append((r, w))
        for sale, rows in groups.values():
            prior = ZERO
            for r, w in rows:
                mq = to_dec(w.get("Quantity")) or ZERO
                amt = to_dec(w.get("Disallowed Loss")) or ZERO
                self.check_proportion(r, amt, -sale["gain"], sale["qty"], prior, mq,
                                      f"Transactions!row {sale['row']} loss sale")
                prior += mq

    def check_wash(self, key, sold, loss_rows, dis_rows):
        """A taxed lot sold at a loss (in one or more trades): its Loss Sale row(s) give the
        summed loss and disallowed loss; its Disallowed rows add up to the disallowed loss,
        which is loss x matched shares / sold shares."""
        acct, lid = key
        rows_txt = ", ".join(str(r) for r, *_ in sold)
        qty = sum((x[1] for x in sold), ZERO)
        loss = sum((x[2] for x in sold), ZERO)
        dis = sum((x[3] for x in sold), ZERO)
        rows = loss_rows.get(key, [])
        if not rows:
            self.bad("Wash Sale", "-", f"Loss Sale of {acct}/{lid}", "a Loss Sale row", "none",
                     f"Lots Sold row(s) {rows_txt} sold it at a loss of {loss}")
            return
        wl = sum((to_dec(w.get("Loss")) or ZERO for _, w in rows), ZERO)
        wd = sum((to_dec(w.get("Disallowed Loss")) or ZERO for _, w in rows), ZERO)
        wq = sum((to_dec(w.get("Quantity")) or ZERO for _, w in rows), ZERO)
        if (wl, wd) != (loss, dis):
            self.bad("Wash Sale", rows[0][0], f"Loss/Disallowed Loss of {acct}/{lid}",
                     f"{loss}/{dis} (Lots Sold row(s) {rows_txt})", f"{wl}/{wd}")
        elif wq != qty:
            self.notes.append(f"note: Wash Sale!row {rows[0][0]}: Loss Sale of {acct}/{lid} lists {wq} shares, "
                              f"Lots Sold row(s) {rows_txt} sold {qty} at a loss (not a tax figure)")
        drows = dis_rows.get(key, [])
        total = sum((to_dec(w.get("Disallowed Loss")) or ZERO for _, w in drows), ZERO)
        matched = sum((to_dec(w.get("Quantity")) or ZERO for _, w in drows), ZERO)
        if total != dis:
            self.bad("Wash Sale", drows[0][0] if drows else "-",
                     f"Disallowed Loss summed over the Disallowed rows of {acct}/{lid}",
                     f"{dis} (Lots Sold row(s) {rows_txt})", total)
        if dis > 0 and len(sold) == 1:
            exp = q2(loss * matched / qty)
            if exp != dis:
                self.bad("Lots Sold", sold[0][0], "Disallowed Loss", exp, dis,
                         f"loss {loss} x matched {matched} / sold {qty}, half-up")


def fmt(v):
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    return str(v)


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        c = Checker(argv[1], argv[2])
        c.run()
    except Unreadable as e:
        print(f"cannot check: {e}", file=sys.stderr)
        return 2
    for n in c.notes:
        print(n)
    for m in c.mismatches:
        print(m)
    k = c.counts
    print(f"checked {k['lots']} Lots Sold rows ({k['restated']} restated lots), {k['trades']} trades "
          f"({k['est']} Est Tax), {k['accounts']} accounts, {k['addbacks']} manual-buy add-backs, "
          f"{c.interleaved} passes after another trade's (lots replayed in Lots Sold order): "
          f"{len(c.mismatches)} mismatch(es)")
    return 1 if c.mismatches else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
