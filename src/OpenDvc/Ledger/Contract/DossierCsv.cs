using OpenDvc.Ledger.Quarantine;

namespace OpenDvc.Ledger.Contract;

/// <summary>
/// The flat CSV form of the contract: the record's scalar fields under their wire names, with the nested lists
/// summarised (docs/sync-contract.md: <c>SoLanBoSung</c>, <c>SoNgayBoSung</c>, <c>TongLePhi</c>, <c>CoTaiSuDung</c>,
/// <c>CoLayTuKho</c>, <c>CoKetQuaDienTu</c>, <c>MucDoHaiLong</c>). Columns are matched by name in any order;
/// unknown columns are ignored; a missing column is a missing field.
/// </summary>
public static class DossierCsv
{
    /// <summary>Every column the reader understands, in the order a writer should use.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "MaHoSo", "MaDonVi", "MaCoQuan", "MaHoSoGoc", "ThoiDiemCapNhat", "MaTTHC", "LoaiDoiTuong",
        "KenhThucHien", "NoiNopHoSo", "TrangThaiHoSo",
        "NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "NgayTuChoi",
        "SoLanBoSung", "SoNgayBoSung", "TongLePhi", "DuocThanhToanTrucTuyen", "HoSoCoThanhPhanSoHoa",
        "TaiKhoanDuocXacThucVoiVNeID", "CoTaiSuDung", "CoLayTuKho", "CoKetQuaDienTu", "MucDoHaiLong", "NgayDanhGia",
    ];
}

/// <summary>Reads CSV lines against one header: RFC 4180 quoting within a line; a record is one line.</summary>
internal sealed class DossierCsvLine
{
    private readonly DossierField[] columns;
    private readonly Utf8StringCache cache = new();
    private byte[] scratch = new byte[256];

    public DossierCsvLine(ReadOnlySpan<byte> header)
    {
        var names = new List<DossierField>();
        var rest = header;
        while (true)
        {
            var comma = rest.IndexOf((byte)',');
            var cell = (comma < 0 ? rest : rest[..comma]).Trim(" \t\""u8);
            names.Add(DossierFields.Lookup(System.Text.Encoding.UTF8.GetString(cell)));
            if (comma < 0)
            {
                break;
            }

            rest = rest[(comma + 1)..];
        }

        columns = [.. names];
    }

    /// <summary>The record, or null with <c>CSV_MALFORMED</c> when the line's quoting is broken or its column count is not the header's.</summary>
    public DossierRecord? Parse(ReadOnlySpan<byte> line, out DossierIssue? error)
    {
        error = new DossierIssue(ReasonCode.CsvMalformed);
        if (scratch.Length < line.Length)
        {
            scratch = new byte[Math.Max(line.Length, scratch.Length * 2)];
        }

        var record = new DossierRecord();
        var column = 0;
        var position = 0;
        while (true)
        {
            if (column >= columns.Length)
            {
                return null;
            }

            ReadOnlySpan<byte> cell;
            if (position < line.Length && line[position] == '"')
            {
                // Quoted: "" stands for one quote; the closing quote must end the cell.
                var length = 0;
                position++;
                while (true)
                {
                    if (position >= line.Length)
                    {
                        return null;
                    }

                    var b = line[position++];
                    if (b == '"')
                    {
                        if (position < line.Length && line[position] == '"')
                        {
                            position++;
                        }
                        else
                        {
                            break;
                        }
                    }

                    scratch[length++] = b;
                }

                if (position < line.Length && line[position] != ',')
                {
                    return null;
                }

                cell = scratch.AsSpan(0, length);
            }
            else
            {
                var end = line[position..].IndexOf((byte)',');
                var raw = end < 0 ? line[position..] : line.Slice(position, end);
                if (raw.Contains((byte)'"'))
                {
                    return null;
                }

                position += raw.Length;
                cell = raw.Trim(" \t"u8);
            }

            if (columns[column] != DossierField.Unknown)
            {
                DossierFields.Apply(record, columns[column], cell, cache);
            }

            column++;
            if (position >= line.Length)
            {
                break;
            }

            position++; // the comma
            if (position == line.Length)
            {
                // A trailing comma opens one more, empty, cell.
                if (column >= columns.Length)
                {
                    return null;
                }

                column++;
                break;
            }
        }

        if (column != columns.Length)
        {
            return null;
        }

        error = null;
        return record;
    }
}
