using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using OpenDvc.Ledger.Contract;

namespace OpenDvc.Tests.Ledger.Contract;

/// <summary>
/// A generated dossier written in the JSON form (nested lists) and in the CSV form (their summaries) reads back to
/// the same figures, and to the figures the generator meant: the two readers cannot drift apart.
/// </summary>
public sealed class FormsAgreeTests
{
    private static readonly DateTimeOffset Base = new(2023, 1, 2, 8, 0, 0, TimeSpan.FromHours(7));

    /// <summary>Supplements last multiples of 36 minutes (1/40 day), so CSV's fractional days are exact decimals.</summary>
    private static readonly Gen<(int Start, int Steps, bool Open)> Supplement = Gen.Select(Gen.Int[0, 20_000], Gen.Int[0, 200], Gen.Bool);

    private static readonly Gen<Model> Models =
        Gen.Select(
            Gen.Select(Gen.Int[1, 999_999], Gen.OneOf("01", "79", "BCA", "BTC"), Gen.Int[1, 2], Gen.Int[1, 3], Gen.Int[1, 2], Gen.Int[1, 10]),
            Gen.Select(Gen.Int[0, 500_000], Gen.Int[0, 5].Array[5], Gen.Bool.Array[5]),
            Gen.Select(Supplement.Array[0, 3], Gen.Long[0, 5_000_000].Array[0, 3], Gen.Int[0, 2], Gen.Bool.Array[4]),
            Gen.Select(Gen.Bool.Array[0, 3].Array[0, 3], Gen.Bool.Array[0, 3], Gen.Int[0, 3]))
        .Select((keys, dates, lists, more) => new Model(keys, dates, lists, more));

    [Fact]
    public void The_json_and_csv_forms_of_a_dossier_read_to_the_same_figures()
    {
        Models.Sample(model =>
        {
            var json = new DossierParser(DossierFormat.Ndjson).Parse(Encoding.UTF8.GetBytes(model.Json())).Record!;
            var csv = new DossierParser(DossierFormat.Csv, Model.CsvHeader).Parse(Encoding.UTF8.GetBytes(model.CsvLine())).Record!;

            foreach (var record in new[] { json, csv })
            {
                Assert.Null(record.ReadIssues);
                Assert.Equal(model.Expected(), Figures(record));
            }

            Assert.Equal(model.OpenSince, json.OpenSupplementSince);
        }, iter: 500);
    }

    private static string Figures(DossierRecord r) => string.Join('|',
        r.Code, r.UnitCode, r.ProcedureCode, (int)r.ApplicantType, (int)r.Channel, (int)r.SubmissionPlace, (int)r.Status,
        r.SubmittedAt, r.ReceivedAt, r.DueAt, r.FinishedAt, r.ReturnedAt, r.UpdatedAt,
        r.SupplementCount, r.SupplementTime, r.TotalFee, (int)r.OnlinePayment,
        r.Digitised, r.VneidAuthenticated, r.ReusedData, r.FromDataStore, r.ElectronicResult, (int?)r.Rating);

    private sealed class Model(
        (int Serial, string Unit, int Applicant, int Channel, int Place, int Status) keys,
        (int Start, int[] Gaps, bool[] Present) dates,
        ((int Start, int Steps, bool Open)[] Supplements, long[] Fees, int Payment, bool[] Flags) lists,
        (bool[][] Components, bool[] Results, int Rating) more)
    {
        public const string CsvHeader =
            "MaHoSo,MaDonVi,MaTTHC,LoaiDoiTuong,KenhThucHien,NoiNopHoSo,TrangThaiHoSo,NgayNopHoSo,NgayTiepNhan,NgayHenTra,"
            + "NgayKetThucXuLy,NgayTra,ThoiDiemCapNhat,SoLanBoSung,SoNgayBoSung,TongLePhi,DuocThanhToanTrucTuyen,"
            + "HoSoCoThanhPhanSoHoa,TaiKhoanDuocXacThucVoiVNeID,CoTaiSuDung,CoLayTuKho,CoKetQuaDienTu,MucDoHaiLong";

        private string Code => $"000.00.{keys.Unit}.H26-{keys.Serial:D6}";

        private int Place => keys.Channel == 2 ? keys.Place : 0;

        /// <summary>Submitted, received, due, finished, returned, updated: increasing, each present or not.</summary>
        private DateTimeOffset?[] Dates
        {
            get
            {
                var result = new DateTimeOffset?[6];
                var at = Base.AddMinutes(dates.Start);
                for (var i = 0; i < 6; i++)
                {
                    at = at.AddHours(i == 0 ? 0 : dates.Gaps[i - 1] * 7);
                    result[i] = i == 5 || dates.Present[i] ? at : null;
                }

                return result;
            }
        }

        private TimeSpan SupplementTime => TimeSpan.FromMinutes(lists.Supplements.Where(s => !s.Open).Sum(s => s.Steps * 36));

        public DateTimeOffset? OpenSince =>
            lists.Supplements.Where(s => s.Open).Select(s => (DateTimeOffset?)Base.AddMinutes(s.Start)).Min();

        private bool Digitised => lists.Flags[0] || more.Components.Any(c => c.Length > 0 && c[0]);

        private bool Reused => more.Components.Any(c => c.Length > 1 && c[1]);

        private bool DataStore => more.Components.Any(c => c.Length > 2 && c[2]);

        private bool ElectronicResult => more.Results.Any(linked => linked);

        public string Expected()
        {
            var d = Dates;
            return string.Join('|',
                Code, keys.Unit, "1.001612", keys.Applicant, keys.Channel, Place, keys.Status,
                d[0], d[1], d[2], d[3], d[4], d[5],
                lists.Supplements.Length, SupplementTime, lists.Fees.Sum(), lists.Payment,
                Digitised, lists.Flags[1], Reused, DataStore, ElectronicResult, more.Rating == 0 ? null : more.Rating);
        }

        public string Json()
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteString("MaHoSo", Code);
                w.WriteString("MaDonVi", keys.Unit);
                w.WriteString("MaTTHC", "1.001612");
                w.WriteNumber("LoaiDoiTuong", keys.Applicant);
                w.WriteNumber("KenhThucHien", keys.Channel);
                if (Place != 0)
                {
                    w.WriteNumber("NoiNopHoSo", Place);
                }

                w.WriteNumber("TrangThaiHoSo", keys.Status);
                string[] names = ["NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "ThoiDiemCapNhat"];
                var d = Dates;
                for (var i = 0; i < names.Length; i++)
                {
                    if (d[i] is { } at)
                    {
                        // Alternate the two timestamp forms the contract accepts.
                        w.WriteString(names[i], i % 2 == 0 ? Compact(at) : at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                    }
                }

                w.WriteStartArray("DanhSachHoSoBoSung");
                foreach (var s in lists.Supplements)
                {
                    w.WriteStartObject();
                    w.WriteString("NgayBoSung", Compact(Base.AddMinutes(s.Start)));
                    if (!s.Open)
                    {
                        w.WriteString("NgayTiepNhanBoSung", Compact(Base.AddMinutes(s.Start + (s.Steps * 36))));
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("DanhSachLePhi");
                foreach (var fee in lists.Fees)
                {
                    w.WriteStartObject();
                    w.WriteString("MaPhiLePhi", "LP");
                    w.WriteString("TenPhiLePhi", "Lệ phí \"đặc biệt\"");
                    w.WriteNumber("Gia", fee);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteNumber("DuocThanhToanTrucTuyen", lists.Payment);
                w.WriteNumber("HoSoCoThanhPhanSoHoa", lists.Flags[0] ? 1 : 0);
                w.WriteBoolean("TaiKhoanDuocXacThucVoiVNeID", lists.Flags[1]);
                w.WriteStartArray("TaiLieuNop");
                foreach (var component in more.Components)
                {
                    w.WriteStartObject();
                    string[] flags = ["DuocSoHoa", "DuocTaiSuDung", "DuocLayTuKhoDMQG"];
                    for (var i = 0; i < component.Length; i++)
                    {
                        w.WriteNumber(flags[i], component[i] ? 1 : 0);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("DanhSachGiayToKetQua");
                foreach (var linked in more.Results)
                {
                    w.WriteStartObject();
                    w.WriteString("MaGiayTo", "KQ");
                    w.WriteString("DuongDanTepTinKetQua", linked ? "https://dvc.example/kq.pdf" : "");
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                if (more.Rating != 0)
                {
                    w.WriteStartObject("DanhGia");
                    w.WriteNumber("MucDo", more.Rating);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        public string CsvLine()
        {
            var d = Dates;
            var days = (decimal)SupplementTime.TotalMinutes / 1440m;
            return string.Join(',',
                Code, keys.Unit, "\"1.001612\"", keys.Applicant, keys.Channel, Place == 0 ? "" : Place.ToString(CultureInfo.InvariantCulture), keys.Status,
                string.Join(',', d.Select(at => at is { } x ? Compact(x) : "")),
                lists.Supplements.Length, days.ToString(CultureInfo.InvariantCulture), lists.Fees.Sum(), lists.Payment,
                lists.Flags[0] || more.Components.Any(c => c.Length > 0 && c[0]) ? 1 : 0, lists.Flags[1] ? 1 : 0,
                Reused ? 1 : 0, DataStore ? 1 : 0, ElectronicResult ? 1 : 0, more.Rating == 0 ? "" : more.Rating.ToString(CultureInfo.InvariantCulture));
        }

        private static string Compact(DateTimeOffset at) =>
            at.ToOffset(TimeSpan.FromHours(7)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
    }
}
