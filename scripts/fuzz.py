#!/usr/bin/env python3
"""`make fuzz`: the sample workbooks, broken at random, fed to the built rebalancer.

Every run must end one of two ways: exit 0 with an output that passes every invariant the
end-to-end tests check (`RebalanceBench check`), or exit 1 with no output written and the
input's bytes unchanged. A crash, a hang (60 s), any other exit, or output left after an
error is a failure: the book is kept in the work folder and the command exits 1.

Three ways of breaking a book:
  xml     edits the XML of one or two parts: spans cut, doubled or truncated, numbers,
          cell references, types, styles and shared-string indexes changed, junk and
          over-long text put in, rows dropped (Python's standard library only);
  values  changes cell values the way a hurried edit might: numbers scaled, negated or
          made huge, dates moved or set to the calendar's edges, words swapped for other
          contract words, symbols or odd text (markup, control, wide and right-to-left
          characters, a cell's 32,767 characters and one more), rows doubled or deleted
          (openpyxl);
  gentle  like values, but only changes a careful PM could make (positive numbers
          scaled, dates moved earlier, contract words swapped), so that most books plan;
  layout  lays the same book out another way, as PMs do: title rows above a table, empty
          and unknown columns, columns in another order, headers and sheets under other
          names the contract accepts, dates typed as text, sheets in another order, a totals
          row, a notes sheet; Settings without its header (keys down a column or across a
          row), Lots with a spreadsheet's subtotal rows, in blocks per account, on a
          sheet for each account, in blocks per security under titles naming the
          symbol, or with each position's row above its lots; the Model grouped by asset class under title and subtotal rows; each
          account's, household's or model's cells merged down over its rows;
          saved by openpyxl or written again by XlsxWriter (constant-memory or not).
          The book must plan, and its trades and lots sold (account, symbol, side,
          quantity, price, amounts, taxes, reasons with their cell references set aside)
          must be those of the book as it was.

  scripts/fuzz.py --mode values --runs 200 --seed 7 --bin .build/release
"""
import argparse
import collections
import datetime
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

WORDS = ['Yes', 'No', 'No Buy', 'No Sell', 'No Trade', 'Hold', 'ST', 'LT', 'Buy', 'Sell', 'Target', 'Band Edge',
         'HIFO', 'FIFO', 'LIFO', 'Tax Optimal', 'Unlimited', 'IRA', 'Roth', 'Taxable', 'Joint', 'Trust']


# Text no PM means but a cell can hold: markup, escapes, control and wide characters,
# right-to-left and combining marks, a leading `=`, text at and past a cell's limit.
ODD_TEXT = [
    lambda v: v + ' <b>&amp;</b>', lambda v: '_x0041_' + v, lambda v: v + '\t\r\n', lambda v: v + '\x07',
    lambda v: v + ' 📈', lambda v: '\u202e' + v, lambda v: v + '\u0301', lambda v: '=SUM(A1:A9)',
    lambda v: '@' + v, lambda v: v * 200, lambda v: 'X' * 32767, lambda v: 'X' * 32768,
]


def replace_one(s, pattern, rng, new):
    """`s` with one match of `pattern`, chosen at random, replaced by `new(match)`."""
    found = list(re.finditer(pattern, s))
    if not found:
        return s
    m = rng.choice(found)
    return s[:m.start()] + new(m) + s[m.end():]


def swap_two_cells(s, rng):
    found = list(re.finditer(r'<c [^>]*>.*?</c>', s))
    if len(found) <= 2:
        return s
    a, b = sorted(rng.sample(found, 2), key=lambda m: m.start())
    return s[:a.start()] + b.group(0) + s[a.end():b.start()] + a.group(0) + s[b.end():]


# Each edit of a part's text, given the text, a position in it and the generator.
XML_EDITS = [
    lambda s, i, rng: s[:i] + s[min(len(s), i + rng.randint(1, 40)):],                       # cut a span
    lambda s, i, rng: (lambda j: s[:j] + s[i:j] + s[j:])(min(len(s), i + rng.randint(1, 200))),  # double a span
    lambda s, i, rng: s[:i],                                                                  # truncate
    lambda s, i, rng: s[:i] + rng.choice(['<', '>', '&', '&amp;', '<c/>', '<v>', '</v>', '<row>', '</row>', '\x00',
                                          '"', '<is><t>x</t></is>', '<f>1+1</f>', '&#0;', '&#xD800;']) + s[i:],
    lambda s, i, rng: replace_one(s, r'\d+(\.\d+)?', rng, lambda m: rng.choice(
        ['-1', '0', '1e308', '99999999999999999999', '1.5', 'NaN', '', '-0', '4294967296', '1048577', '16385',
         '0.000000001'])),
    lambda s, i, rng: replace_one(s, r'r="([A-Z]+)(\d+)"', rng, lambda m: rng.choice(
        ['r="A0"', 'r="XFE1"', 'r="A1048577"', 'r=""', 'r="ZZZZ9"', 'r="A1"',
         f'r="{m.group(1)}{int(m.group(2)) + rng.randint(-3, 3)}"'])),
    lambda s, i, rng: replace_one(s, r't="(\w+)"', rng, lambda m: 't="%s"' % rng.choice(
        ['s', 'n', 'b', 'e', 'str', 'inlineStr', 'd', 'zz'])),
    lambda s, i, rng: replace_one(s, r'<v>(\d+)</v>', rng, lambda m: '<v>%d</v>' % rng.choice(
        [-1, 0, 999999, int(m.group(1)) + 1])),
    lambda s, i, rng: replace_one(s, r's="(\d+)"', rng, lambda m: 's="%s"' % rng.choice(['999', '-1', '0', ''])),
    lambda s, i, rng: replace_one(s, r'<t[^>]*>[^<]*</t>', rng, lambda m: '<t>%s</t>' % rng.choice(
        ['', 'A' * 40000, ' ', 'Yes', '-5%', '2026-02-30', '$1,000.00'])),
    lambda s, i, rng: replace_one(s, r'(?s)<row[^>]*>.*?</row>', rng, lambda m: ''),          # drop a row
    lambda s, i, rng: swap_two_cells(s, rng),
]


def mutate_xml(data, rng):
    """One to four edits of a part's text."""
    s = data.decode('utf-8', 'replace')
    for _ in range(rng.randint(1, 4)):
        if not s:
            break
        s = rng.choice(XML_EDITS)(s, rng.randrange(len(s)), rng)
    return s.encode('utf-8', 'surrogatepass')


def break_xml(source, target, rng):
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED) as zout:
        names = zin.namelist()
        parts = [n for n in names if n.endswith('.xml') or n.endswith('.rels')]
        chosen = set(rng.sample(parts, rng.randint(1, 2)))
        for name in names:
            data = zin.read(name)
            zout.writestr(name, mutate_xml(data, rng) if name in chosen else data)


def changed_value(value, symbols, rng, gentle):
    """A new value for a cell, or `value` itself when gentle has nothing to change."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if gentle or rng.random() < 0.8:
            return round(value * rng.choice([0.2, 0.5, 0.8, 0.95, 1.05, 1.3, 2, 5]), rng.choice([0, 2, 4]))
        return rng.choice([0, -value, value * 1e6, value * 1e12, 9e15, value + 0.5, 1e-7, 123456789012.0, 0.1])
    if isinstance(value, (datetime.datetime, datetime.date)):
        if not gentle and rng.random() < 0.1:
            return rng.choice([datetime.datetime(9999, 12, 20), datetime.datetime(1900, 1, 1)])
        days = [1, 30, 200, 365, 366, 700] if gentle else [-700, -366, -31, -1, 1, 29, 31, 365, 366, 3000]
        return value - datetime.timedelta(days=rng.choice(days))
    if isinstance(value, str):
        if gentle:
            return rng.choice(WORDS) if value in WORDS else value
        if symbols and rng.random() < 0.4:
            return rng.choice(symbols)
        if rng.random() < 0.25:
            return rng.choice(ODD_TEXT)(value)
        return rng.choice(WORDS + ['', '5%', '0', value.lower(), value + ' '])
    if value is None and not gentle:
        return rng.choice([None, 0, 'X', 1])
    return value


def break_values(source, target, rng, gentle):
    import openpyxl
    book = openpyxl.load_workbook(source)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows(min_row=2) for c in row]
    symbols = sorted({c.value for c in cells if isinstance(c.value, str) and c.value.isupper() and 1 < len(c.value) <= 5})
    for _ in range(rng.randint(1, 6)):
        cell = rng.choice(cells)
        # A price's date or text moved makes it stale or unreadable: an error, not a plan.
        if gentle and cell.parent.title.lower().startswith('price') and not isinstance(cell.value, (int, float)):
            continue
        try:
            cell.value = changed_value(cell.value, symbols, rng, gentle)
        except openpyxl.utils.exceptions.IllegalCharacterError:
            pass  # a control character openpyxl will not write
    if not gentle and rng.random() < 0.2:
        sheet = rng.choice(book.worksheets)
        if sheet.max_row > 2:
            row = rng.randint(2, sheet.max_row)
            if rng.random() < 0.5:
                sheet.delete_rows(row)
            else:
                sheet.insert_rows(row)
                for column in range(1, sheet.max_column + 1):
                    sheet.cell(row, column).value = sheet.cell(row + 1, column).value
    book.save(target)


# Other names the contract takes for a sheet or a column (see ContractSheet.swift).
SHEET_NAMES = {'Settings': ['Parameters', 'Run Settings'], 'Accounts': ['Account List', 'Client Accounts'],
               'Lots': ['Tax Lots', 'Holdings', 'Open Lots'], 'Model': ['Targets', 'Model Weights'],
               'Prices': ['Quotes', 'Price List'], 'Securities': ['Security Master', 'Restrictions'],
               'Transactions': ['Recent Transactions', 'Activity'], 'Groups': ['Exposure Groups', 'Caps']}
HEADERS = {'Account': ['Account Number', 'Acct #', 'Account ID'], 'Symbol': ['Ticker', 'Ticker Symbol'],
           'Lot ID': ['Lot Number', 'Tax Lot ID'], 'Quantity': ['Shares', 'Qty', 'Units', 'Qty (Shares)', 'Number of Shares'],
           'Cost Basis': ['Total Cost', 'Cost Basis ($)', 'Adjusted Cost Basis'], 'Acquired': ['Date Acquired', 'Open Date', 'Date Opened'],
           'Price': ['Last Price', 'Close'], 'Cash': ['Cash Balance', 'Available Cash'], 'Name': ['Description'],
           'Type': ['Account Type', 'Registration'], 'Band': ['Tolerance', 'Band (%)'], 'Household': ['Relationship']}


def plan_rows(audit):
    """The trades and lots sold of an audit JSON, with cell references in reasons set aside,
    and the row in the Lot IDs the reader makes for a sheet without them (`ARKK-r10`)."""
    import json
    with open(audit) as f:
        data = json.load(f)

    def plain(text):
        return re.sub(r'-r\d+\b', '-r#', re.sub(r'\([^()]*![^()]*\)', '(…)', text))
    trades = [dict(t, reason=plain(t['reason'])) for t in data['trades']]
    lots = [dict(lot, lotID=plain(lot['lotID'])) for lot in data['lotsSold']]
    return trades, lots


def header_row(sheet, names):
    """The first of a sheet's first rows holding two of `names`, and its values; or None."""
    for r in range(1, min(sheet.max_row, 6) + 1):
        values = [sheet.cell(r, c).value for c in range(1, sheet.max_column + 1)]
        if sum(v in names for v in values) >= 2:
            return r, values
    return None


def settings_without_header(sheet, rng):
    """The Settings sheet without its Setting and Value header: keys down a column, or across a row."""
    found = header_row(sheet, ('Setting', 'Value'))
    if not found:
        return
    r, _ = found
    pairs = [(sheet.cell(i, 1).value, sheet.cell(i, 2).value, sheet.cell(i, 2).number_format)
             for i in range(r + 1, sheet.max_row + 1) if sheet.cell(i, 1).value is not None]
    sheet.delete_rows(1, sheet.max_row)
    if rng.random() < 0.5:
        for i, (key, value, form) in enumerate(pairs, start=1):
            sheet.cell(i, 1).value = key
            sheet.cell(i, 2).value, sheet.cell(i, 2).number_format = value, form
    else:
        for i, (key, value, form) in enumerate(pairs, start=1):
            sheet.cell(1, i).value = key
            sheet.cell(2, i).value, sheet.cell(2, i).number_format = value, form


def lots_with_subtotals(sheet):
    """The Lots sheet with the rows a spreadsheet's Subtotal command writes after each account."""
    found = header_row(sheet, ('Account', 'Symbol', 'Quantity'))
    if not found or 'Account' not in found[1] or 'Quantity' not in found[1]:
        return
    r, header = found
    account, quantity = header.index('Account') + 1, header.index('Quantity') + 1
    # The lots' rows, bottom up, so that a row inserted leaves those above where they are.
    last = sheet.max_row
    while last > r and sheet.cell(last, account).value is None:
        last -= 1
    for row in range(last, r, -1):
        here = sheet.cell(row, account).value
        below = sheet.cell(row + 1, account).value if row < last else None
        if here is not None and here != below:
            sheet.insert_rows(row + 1)
            sheet.cell(row + 1, account).value = f'{here} Total'
            sheet.cell(row + 1, quantity).value = sum(
                sheet.cell(i, quantity).value for i in range(r + 1, row + 1)
                if sheet.cell(i, account).value == here and isinstance(sheet.cell(i, quantity).value, (int, float)))


def lot_rows(book, sheet):
    """The Lots sheet's header row, its header, the Account column's place in it and its rows
    of lots (each cell's value and number format), when every lot names its account and the
    book has an Accounts sheet; else None."""
    if 'Accounts' not in book.sheetnames:
        return None
    found = lot_table(sheet, 'Account')
    if not found or any(row[found[2]][0] is None for row in found[3]):
        return None
    return found


def lot_table(sheet, name):
    """The Lots sheet's header row, its header, the place in it of the column `name` and its
    non-blank rows below (each cell's value and number format); None without that column."""
    found = header_row(sheet, ('Account', 'Symbol', 'Quantity'))
    if not found or name not in found[1]:
        return None
    r, header = found
    width = sheet.max_column
    rows = [[(sheet.cell(i, c).value, sheet.cell(i, c).number_format) for c in range(1, width + 1)]
            for i in range(r + 1, sheet.max_row + 1)]
    return r, header, header.index(name), [row for row in rows if any(v is not None for v, _ in row)]


def lots_in_blocks(book, sheet):
    """The Lots sheet as a custodian's export of several accounts: each account's lots under its
    own copy of the header, below a title naming the account, and no Account column."""
    found = lot_rows(book, sheet)
    if not found:
        return
    r, header, column, rows = found
    sheet.delete_rows(r, sheet.max_row)
    out = r
    previous = None
    for row in rows:
        if row[column][0] != previous:
            if previous is not None:
                out += 1
            sheet.cell(out, 1).value = f'Account: {row[column][0]}'
            out += 1
            for c, name in enumerate(header):
                if c != column:
                    sheet.cell(out, c + 1 - (c > column)).value = name
            out += 1
            previous = row[column][0]
        for c, (value, form) in enumerate(row):
            if c != column:
                cell = sheet.cell(out, c + 1 - (c > column))
                cell.value, cell.number_format = value, form
        out += 1


def lots_per_account(book, sheet):
    """Each account's lots on a sheet of its own, named for the account, in place of the Lots
    sheet; their Account column kept or left out."""
    found = lot_rows(book, sheet)
    if not found:
        return
    _, header, column, rows = found
    accounts = []
    for row in rows:
        if row[column][0] not in accounts:
            accounts.append(row[column][0])
    place = book.sheetnames.index(sheet.title)
    book.remove(sheet)
    for offset, account in enumerate(accounts):
        # Named for the account alone, or with a Lots sheet's word.
        bare = offset % 3 == 1 and len(account) <= 31 and not any(c in account for c in '[]:*?/\\')
        own = book.create_sheet(account if bare else f'Lots - {account}', place + offset)
        keep = offset % 2 == 0
        own.append([name for c, name in enumerate(header) if keep or c != column])
        for row in rows:
            if row[column][0] == account:
                own.append([value for c, (value, _) in enumerate(row) if keep or c != column])
                for c, (_, form) in enumerate(v for i, v in enumerate(row) if keep or i != column):
                    own.cell(own.max_row, c + 1).number_format = form


def lots_by_security(sheet, rng):
    """The Lots sheet as a lot export laid out per security: no Symbol column, each symbol's
    lots under a title naming it, above a repeat of the header or between the lots under one
    header."""
    found = lot_table(sheet, 'Symbol')
    if not found or any(not isinstance(row[found[2]][0], str) for row in found[3]):
        return
    r, header, column, rows = found
    by_symbol = {}
    for row in rows:
        by_symbol.setdefault(row[column][0], []).append(row)
    repeated = rng.random() < 0.5
    sheet.delete_rows(r, sheet.max_row)
    out = r
    if not repeated:
        for c, name in enumerate(n for i, n in enumerate(header) if i != column):
            sheet.cell(out, c + 1).value = name
        out += 1
    for number, (symbol, lots) in enumerate(by_symbol.items()):
        title = rng.choice([f'{symbol}', f'{symbol} - Security {number}', f'Security {number} ({symbol})',
                            f'Symbol: {symbol}'])
        if repeated and number > 0:
            out += 1
        sheet.cell(out, 1).value = title
        out += 1
        if repeated:
            for c, name in enumerate(n for i, n in enumerate(header) if i != column):
                sheet.cell(out, c + 1).value = name
            out += 1
        for row in lots:
            for c, (value, form) in enumerate(v for i, v in enumerate(row) if i != column):
                cell = sheet.cell(out, c + 1)
                cell.value, cell.number_format = value, form
            out += 1


def model_grouped(sheet, rng):
    """The Model sheet grouped by asset class, as PMs lay it out: a title row above each
    class's rows and a subtotal row after them (`Asset Class 2`, `Asset Class 2 Total`)."""
    header = [c.value for c in next(sheet.iter_rows(min_row=1, max_row=1))]
    if 'Symbol' not in header or 'Target' not in header:
        return
    symbol, target = header.index('Symbol') + 1, header.index('Target') + 1
    rows = sheet.max_row
    # Bottom up, so that a row inserted leaves those above where they are.
    end = rows
    number = 0
    while end > 1:
        start = max(2, end - rng.randint(0, 2))
        number += 1
        total = sum(sheet.cell(r, target).value for r in range(start, end + 1)
                    if isinstance(sheet.cell(r, target).value, (int, float)))
        sheet.insert_rows(end + 1)
        sheet.cell(end + 1, symbol).value = f'Asset Class {number} Total'
        sheet.cell(end + 1, target).value = total
        sheet.insert_rows(start)
        sheet.cell(start, symbol).value = f'Asset Class {number}'
        end = start - 1


def lots_with_position_rows(sheet):
    """The Lots sheet as a broker's download with lots shown: each position's row (account,
    symbol, total quantity and basis, no date) above its lots, whose Account and Symbol are
    left blank."""
    found = lot_table(sheet, 'Symbol')
    if not found:
        return
    r, header, column, rows = found
    if any(n not in header for n in ('Account', 'Quantity', 'Acquired')):
        return
    account, quantity, acquired = header.index('Account'), header.index('Quantity'), header.index('Acquired')
    basis = header.index('Cost Basis') if 'Cost Basis' in header else None
    if any(not isinstance(row[quantity][0], (int, float)) or row[acquired][0] is None or row[column][0] is None
           for row in rows):
        return
    groups = []
    for row in rows:
        key = (row[account][0], row[column][0])
        if groups and groups[-1][0] == key:
            groups[-1][1].append(row)
        else:
            groups.append((key, [row]))
    sheet.delete_rows(r + 1, sheet.max_row)
    out = r + 1
    for (name, symbol), lots in groups:
        sheet.cell(out, account + 1).value = name
        sheet.cell(out, column + 1).value = symbol
        sheet.cell(out, quantity + 1).value = sum(row[quantity][0] for row in lots)
        if basis is not None and all(isinstance(row[basis][0], (int, float)) for row in lots):
            sheet.cell(out, basis + 1).value = sum(row[basis][0] for row in lots)
        out += 1
        for row in lots:
            for c, (value, form) in enumerate(row):
                if c in (account, column):
                    continue
                cell = sheet.cell(out, c + 1)
                cell.value, cell.number_format = value, form
            out += 1


MERGED_COLUMNS = ['Account', 'Household', 'Model']


def lots_with_core_position(sheet):
    """A core money-market position's row (`SPAXX**`, its cash sweep) among the lots, as
    Fidelity's exports list it: a quantity in dollars, no basis or date. It is cash, left out."""
    header = [c.value for c in sheet[1]]
    if 'Symbol' not in header or 'Quantity' not in header:
        return
    row = [None] * len(header)
    row[header.index('Symbol')] = 'SPAXX**'
    row[header.index('Quantity')] = 1234.56
    if 'Account' in header:
        row[header.index('Account')] = sheet.cell(2, header.index('Account') + 1).value
    sheet.append(row)


def merged_down(sheet):
    """The sheet with each run of one account, household or model merged down over its rows,
    as a PM merges them: the value kept at the top of each run, the cells below it emptied."""
    names = {name: column for column in MERGED_COLUMNS for name in [column] + HEADERS.get(column, [])}
    for r in range(1, min(sheet.max_row, 6) + 1):
        found = [c for c in range(1, sheet.max_column + 1) if sheet.cell(r, c).value in names]
        if found:
            break
    else:
        return
    column = found[0]
    start = r + 1
    for row in range(r + 2, sheet.max_row + 2):
        value = sheet.cell(row, column).value if row <= sheet.max_row else None
        if value is None or value != sheet.cell(start, column).value:
            if row - 1 > start and sheet.cell(start, column).value is not None:
                sheet.merge_cells(start_row=start, start_column=column, end_row=row - 1, end_column=column)
            start = row


def lay_out_again(source, target, rng):
    """The book of `source`, laid out another way, at `target`."""
    import openpyxl
    book = openpyxl.load_workbook(source)
    for sheet in list(book.worksheets):
        if sheet.title == 'Settings' and rng.random() < 0.3:
            settings_without_header(sheet, rng)
            continue
        if sheet.title in ('Lots', 'Tax Lots'):
            choice = rng.random()
            if choice < 0.2:
                lots_with_subtotals(sheet)
                continue
            if choice < 0.4:
                lots_in_blocks(book, sheet)
                continue
            if choice < 0.5:
                lots_per_account(book, sheet)
                continue
            if choice < 0.6:
                lots_by_security(sheet, rng)
                continue
            if choice < 0.7:
                lots_with_position_rows(sheet)
                continue
            if choice < 0.8:
                lots_with_core_position(sheet)
        if sheet.title == 'Model' and rng.random() < 0.3:
            model_grouped(sheet, rng)
        first = [c.value for c in next(sheet.iter_rows(min_row=1, max_row=1))]
        is_table = sum(isinstance(v, str) and v.strip() in HEADERS or v in ('Target', 'Model %', 'Sector', 'Term')
                       for v in first) >= 2
        if is_table and sheet.title != 'Settings':
            width, height = sheet.max_column, sheet.max_row
            # Columns in another order, each with its values and number formats.
            grid = [[(sheet.cell(r, c).value, sheet.cell(r, c).number_format) for c in range(1, width + 1)]
                    for r in range(1, height + 1)]
            order = list(range(width))
            rng.shuffle(order)
            for r in range(height):
                for c in range(width):
                    value, form = grid[r][order[c]]
                    cell = sheet.cell(r + 1, c + 1)
                    cell.value, cell.number_format = value, form
            # Headers under other names.
            for c in range(1, width + 1):
                header = sheet.cell(1, c).value
                if header in HEADERS and rng.random() < 0.5:
                    sheet.cell(1, c).value = rng.choice(HEADERS[header])
            # A column of notes, and an empty column.
            if rng.random() < 0.5:
                sheet.cell(1, width + 1).value = 'PM Notes'
                for r in range(2, height + 1):
                    sheet.cell(r, width + 1).value = rng.choice(['', 'review', 'ok', 'see memo'])
            if rng.random() < 0.5:
                sheet.insert_cols(rng.randint(1, width + 1))
            # A totals row two rows below the last (a blank row between).
            if sheet.title in ('Lots', 'Tax Lots') and rng.random() < 0.5:
                sheet.cell(height + 2, 1).value = 'Total'
        # Dates typed as text, in a form the reader takes.
        if rng.random() < 0.3:
            form = rng.choice(['%Y-%m-%d', '%m/%d/%Y', '%b-%d-%Y', '%d-%b-%Y', '%B %d, %Y', '%m/%d/%Y 4:00 PM'])
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, (datetime.datetime, datetime.date)):
                        cell.value = cell.value.strftime(form)
        # Title rows above the table.
        if rng.random() < 0.6:
            rows = rng.randint(1, 3)
            sheet.insert_rows(1, rows)
            sheet.cell(1, 1).value = f'{sheet.title} prepared for the investment committee'
        # Each account's, household's or model's cells merged over its rows, last: openpyxl
        # moves no merged range with the rows and columns inserted above.
        if rng.random() < 0.3:
            merged_down(sheet)
        if sheet.title in SHEET_NAMES and rng.random() < 0.5:
            sheet.title = rng.choice(SHEET_NAMES[sheet.title])
    if rng.random() < 0.5:
        notes = book.create_sheet('Notes')
        notes['A1'], notes['A2'] = 'Rebalance notes', 'Client asked to keep the VTI position.'
    rng.shuffle(book._sheets)
    if rng.random() < 0.5:
        book.save(target)
    else:
        # XlsxWriter's constant-memory mode writes a row once: it cannot merge cells over rows.
        constant_memory = rng.random() < 0.5
        write_with_xlsxwriter(book, target, constant_memory=constant_memory and not any(
            sheet.merged_cells.ranges for sheet in book.worksheets))


def write_with_xlsxwriter(book, target, constant_memory):
    """An openpyxl book's values and number formats written again by another program."""
    import xlsxwriter
    out = xlsxwriter.Workbook(target, {'constant_memory': constant_memory, 'strings_to_numbers': False,
                                       'strings_to_formulas': False, 'strings_to_urls': False})
    formats = {}
    for sheet in book.worksheets:
        written = out.add_worksheet(sheet.title)
        def style_of(cell):
            code = cell.number_format
            if code not in formats:
                formats[code] = out.add_format({'num_format': code}) if code != 'General' else None
            if isinstance(cell.value, (datetime.datetime, datetime.date)):
                return formats[code] or out.add_format({'num_format': 'yyyy-mm-dd'})
            return formats[code]
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                if isinstance(cell.value, (datetime.datetime, datetime.date)):
                    written.write_datetime(cell.row - 1, cell.column - 1, cell.value, style_of(cell))
                else:
                    written.write(cell.row - 1, cell.column - 1, cell.value, style_of(cell))
        for merged in sheet.merged_cells.ranges:
            top = sheet.cell(merged.min_row, merged.min_col)
            written.merge_range(merged.min_row - 1, merged.min_col - 1, merged.max_row - 1, merged.max_col - 1,
                                top.value, style_of(top))
        if sheet.sheet_state != 'visible':
            written.hide()
    out.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--mode', choices=['xml', 'values', 'gentle', 'layout'], default='xml')
    parser.add_argument('--runs', type=int, default=100)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--bin', default='.build/release', help='folder holding rebalancer and RebalanceBench')
    parser.add_argument('--books', default='SampleWorkbooks')
    parser.add_argument('--keep', default='.build/fuzz', help='where failing books are kept')
    args = parser.parse_args()

    rng = random.Random(args.seed)
    samples = sorted(os.path.join(args.books, f) for f in os.listdir(args.books) if f.endswith('.xlsx'))
    rebalancer = os.path.join(args.bin, 'rebalancer')
    checker = os.path.join(args.bin, 'RebalanceBench')
    os.makedirs(args.keep, exist_ok=True)
    outcomes = collections.Counter()
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        # No price cache and no quote API: the book's own prices only.
        cache = os.path.join(work, 'no-cache.json')
        planned = {}

        def planned_as_is(source):
            """The trades and lots sold of a sample book as it is."""
            output = os.path.join(work, 'as-is', 'plan.xlsx')
            shutil.rmtree(os.path.dirname(output), ignore_errors=True)
            os.makedirs(os.path.dirname(output))
            subprocess.run([rebalancer, 'run', '--offline', '--price-cache', cache, source, '--output', output],
                           capture_output=True, timeout=60, check=True)
            return plan_rows(output[:-len('.xlsx')] + '.audit.json')
        for run in range(args.runs):
            source = rng.choice(samples)
            book = os.path.join(work, f'book-{run}.xlsx')
            if args.mode == 'xml':
                break_xml(source, book, rng)
            elif args.mode == 'layout':
                lay_out_again(source, book, rng)
            else:
                break_values(source, book, rng, gentle=args.mode == 'gentle')
            with open(book, 'rb') as f:
                before = hashlib.sha256(f.read()).hexdigest()
            folder = os.path.join(work, f'out-{run}')
            os.makedirs(folder)
            output = os.path.join(folder, 'plan.xlsx')
            problem = None
            try:
                done = subprocess.run([rebalancer, 'run', '--offline', '--price-cache', cache, book, '--output', output],
                                      capture_output=True, timeout=60)
                status = done.returncode
                detail = done.stderr.decode(errors='replace')
            except subprocess.TimeoutExpired:
                status, detail = 'hang', ''
            outcomes[status] += 1
            with open(book, 'rb') as f:
                if hashlib.sha256(f.read()).hexdigest() != before:
                    problem = 'the input changed'
            if status == 0:
                check = subprocess.run([checker, 'check', book, output], capture_output=True, timeout=300)
                if check.returncode != 0:
                    problem = 'an invariant failed: ' + (check.stdout + check.stderr).decode(errors='replace')[-600:]
                elif args.mode == 'layout':
                    if source not in planned:
                        planned[source] = planned_as_is(source)
                    if plan_rows(output[:-len('.xlsx')] + '.audit.json') != planned[source]:
                        problem = 'laid out another way, the book planned other trades or lots'
            elif args.mode == 'layout':
                problem = f'laid out another way, the book did not plan (exit {status}): {detail[-600:]}'
            elif status == 1:
                if os.listdir(folder):
                    problem = f'exit 1 left {sorted(os.listdir(folder))}'
            else:
                problem = f'exit {status}: {detail[-600:]}'
            if problem:
                failures += 1
                kept = os.path.join(args.keep, f'{args.mode}-{args.seed}-{run}.xlsx')
                shutil.copy(book, kept)
                print(f'FAIL run {run} ({os.path.basename(source)}): {problem.strip()} -> {kept}', flush=True)
            shutil.rmtree(folder)
            os.remove(book)
    summary = ', '.join(f'exit {k}: {v}' for k, v in sorted(outcomes.items(), key=lambda kv: str(kv[0])))
    print(f'{args.mode}, seed {args.seed}: {args.runs} runs ({summary}); {failures} failure(s)')
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
