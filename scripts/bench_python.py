"""The Python side of `make bench` (scripts/bench.sh): what a team would otherwise build.

Run inside the bench's virtual environment (openpyxl, XlsxWriter, python-calamine at the
versions scripts/bench.sh pins). Each timing command prints `seconds=S` (the work alone,
measured in the process: interpreter start, imports and any untimed preparation are left
out, which favours Python) and a line saying what it did; the script reads peak memory
from /usr/bin/time.

    bench_python.py sheet PATH [ROWS]         write the reader's test sheet (ROWS x 8, not timed)
    bench_python.py calamine PATH             python-calamine reads every sheet
    bench_python.py openpyxl PATH             openpyxl (read-only) reads every sheet
    bench_python.py io INPUT OURS OUT         openpyxl (read-only) reads INPUT, then XlsxWriter
                                              writes the cells of OURS (our output workbook,
                                              loaded first and not timed) to OUT
"""

import datetime
import sys
import time


def write_sheet(path, rows):
    """A Lots-like sheet: 8 columns of text, numbers and dates, shared strings as Excel writes."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet("Lots")
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    money_format = workbook.add_format({"num_format": "#,##0.00"})
    sheet.write_row(0, 0, ["Account", "Lot ID", "Symbol", "Quantity", "Cost Basis",
                           "Acquired", "Price", "Term"])
    symbols = ["SYM%03d" % n for n in range(500)]
    start = datetime.date(2015, 1, 1)
    state = 1
    for row in range(1, rows + 1):
        # A small linear congruential stream keeps the file the same from run to run.
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        account = "ACCT-%04d" % (row % 1000)
        symbol = symbols[(state >> 33) % 500]
        quantity = 1 + (state >> 20) % 5000
        basis = ((state >> 8) % 10_000_000) / 100
        acquired = start + datetime.timedelta(days=(state >> 40) % 4000)
        price = ((state >> 16) % 50_000) / 100
        sheet.write_string(row, 0, account)
        sheet.write_string(row, 1, "%s-%d" % (symbol, row))
        sheet.write_string(row, 2, symbol)
        sheet.write_number(row, 3, quantity)
        sheet.write_number(row, 4, basis, money_format)
        sheet.write_datetime(row, 5, datetime.datetime.combine(acquired, datetime.time()), date_format)
        sheet.write_number(row, 6, price, money_format)
        sheet.write_string(row, 7, "Long" if (state >> 60) % 4 else "Short")
    workbook.close()
    print("%s: %d rows x 8 columns" % (path, rows + 1))


def read_calamine(path):
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    workbook = CalamineWorkbook.from_path(path)
    rows = cells = 0
    for name in workbook.sheet_names:
        for values in workbook.get_sheet_by_name(name).to_python(skip_empty_area=False):
            rows += 1
            cells += sum(1 for value in values if value != "")
    seconds = time.perf_counter() - start
    print("seconds=%.6f" % seconds)
    print("python-calamine: %d rows, %d cells" % (rows, cells))


def read_openpyxl(path):
    start = time.perf_counter()
    rows, cells = openpyxl_rows(path)
    seconds = time.perf_counter() - start
    print("seconds=%.6f" % seconds)
    print("openpyxl read-only: %d rows, %d cells" % (rows, cells))


def openpyxl_rows(path):
    """Reads every sheet in read-only mode, touching every value; returns rows and cells."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = cells = 0
    for sheet in workbook.worksheets:
        for values in sheet.iter_rows(values_only=True):
            rows += 1
            cells += sum(1 for value in values if value is not None)
    workbook.close()
    return rows, cells


def input_output(input_path, ours_path, out_path):
    """openpyxl reads the input; XlsxWriter writes what our output workbook holds."""
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    ours = CalamineWorkbook.from_path(ours_path)
    sheets = [(name, ours.get_sheet_by_name(name).to_python(skip_empty_area=False))
              for name in ours.sheet_names]
    out_rows = sum(len(rows) for _, rows in sheets)
    out_cells = sum(1 for _, rows in sheets for values in rows for value in values if value != "")

    start = time.perf_counter()
    in_rows, in_cells = openpyxl_rows(input_path)
    read_seconds = time.perf_counter() - start

    workbook = xlsxwriter.Workbook(out_path)
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets:
        sheet = workbook.add_worksheet(name)
        for row_index, values in enumerate(rows):
            for column, value in enumerate(values):
                if value == "":
                    continue
                if isinstance(value, str):
                    sheet.write_string(row_index, column, value)
                elif isinstance(value, bool):
                    sheet.write_boolean(row_index, column, value)
                elif isinstance(value, (int, float)):
                    sheet.write_number(row_index, column, value)
                else:  # dates, times and durations
                    sheet.write_datetime(row_index, column, value, date_format)
    workbook.close()
    seconds = time.perf_counter() - start
    print("seconds=%.6f" % seconds)
    print("read_seconds=%.6f" % read_seconds)
    print("write_seconds=%.6f" % (seconds - read_seconds))
    print("openpyxl read %d rows, %d cells; XlsxWriter wrote %d sheets, %d rows, %d cells"
          % (in_rows, in_cells, len(sheets), out_rows, out_cells))


def main(arguments):
    if len(arguments) in (2, 3) and arguments[0] == "sheet":
        write_sheet(arguments[1], int(arguments[2]) if len(arguments) == 3 else 200_000)
    elif len(arguments) == 2 and arguments[0] == "calamine":
        read_calamine(arguments[1])
    elif len(arguments) == 2 and arguments[0] == "openpyxl":
        read_openpyxl(arguments[1])
    elif len(arguments) == 4 and arguments[0] == "io":
        input_output(arguments[1], arguments[2], arguments[3])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
