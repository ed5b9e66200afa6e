#!/usr/bin/env python3
"""Writes a book of one account holding one symbol in many lots, for timing the engine on a
large position (README, Known limits). Run with the project's Python (scripts/venv.sh):

    large_position.py LOTS OUT.xlsx [--recent FRACTION] [--transactions N] [--seed S]

LOTS lots of XYZ (marked Phase Out) in account BIG, their basis within 40% of the price
either way (about half at a loss), acquired over eight years, FRACTION of them (0.1 by
default) in the last 40 days; an IRA in the same household; a model of VTI and BND. With
--transactions, N Transactions rows in the last 29 days, buys and loss sales of GOOG and
GOOGL (one identical family) in both accounts.
"""
import argparse
import datetime
import random

import openpyxl


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lots", type=int)
    parser.add_argument("out")
    parser.add_argument("--recent", type=float, default=0.1)
    parser.add_argument("--transactions", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    as_of = datetime.datetime(2026, 11, 20)

    book = openpyxl.Workbook()
    settings = book.active
    settings.title = "Settings"
    for row in [("Setting", "Value"), ("As Of Date", as_of), ("Lot Method", "Tax Optimal"), ("Min Trade", 0)]:
        settings.append(row)
    accounts = book.create_sheet("Accounts")
    accounts.append(("Account", "Name", "Household", "Type", "Cash", "Tax Budget", "Model"))
    accounts.append(("BIG", "Large position", "H", "Individual", 10000, "Unlimited", "Core"))
    accounts.append(("IRA", "Large position IRA", "H", "IRA", 10000, "Unlimited", "Core"))
    lots = book.create_sheet("Lots")
    lots.append(("Account", "Symbol", "Lot ID", "Quantity", "Cost Basis", "Acquired"))
    for number in range(1, args.lots + 1):
        shares = rng.randint(1, 50)
        basis = round(shares * 100 * rng.uniform(0.6, 1.4), 2)
        days = rng.randint(0, 40) if rng.random() < args.recent else rng.randint(0, 3000)
        lots.append(("BIG", "XYZ", f"L{number}", shares, basis, as_of - datetime.timedelta(days=days)))
    model = book.create_sheet("Model")
    model.append(("Model", "Symbol", "Target", "Band"))
    model.append(("Core", "VTI", 0.6, 0.02))
    model.append(("Core", "BND", 0.38, 0.02))
    prices = book.create_sheet("Prices")
    prices.append(("Symbol", "Price", "As Of"))
    for symbol, price in [("XYZ", 100), ("VTI", 250), ("BND", 72), ("GOOG", 170), ("GOOGL", 168)]:
        prices.append((symbol, price, as_of))
    securities = book.create_sheet("Securities")
    securities.append(("Symbol", "Name", "Restriction", "Phase Out", "Identical Group"))
    securities.append(("XYZ", "Xyz", None, "Yes", None))
    securities.append(("GOOG", "Alphabet C", None, None, "Alphabet"))
    securities.append(("GOOGL", "Alphabet A", None, None, "Alphabet"))
    if args.transactions:
        transactions = book.create_sheet("Transactions")
        transactions.append(("Date", "Account", "Symbol", "Side", "Quantity", "Price", "Realized Gain"))
        for _ in range(args.transactions):
            side = rng.choice(["Buy", "Sell"])
            transactions.append((
                as_of - datetime.timedelta(days=rng.randint(1, 29)), rng.choice(["BIG", "IRA"]),
                rng.choice(["GOOG", "GOOGL"]), side, rng.randint(1, 20), 170,
                -rng.randint(1, 500) if side == "Sell" else None))
    book.save(args.out)


if __name__ == "__main__":
    main()
