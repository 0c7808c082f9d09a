using System.Globalization;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Platform.Pdf;
using SkiaSharp;

namespace OpenDvc.Awards.Results;

/// <summary>
/// The certificate (giấy chứng nhận) for one published winner: A4 landscape, the national heading, the campaign, the
/// category, the service, the unit, the years covered, the announcement date and the signer's line. A free layout,
/// so drawn with Skia's PDF backend directly, in the same embedded fonts as every other printout (PdfFonts).
/// </summary>
public static class Certificate
{
    private const float Width = 841.89f;
    private const float Height = 595.28f;
    private static readonly SKColor Red = new(0xa0, 0x10, 0x10);
    private static readonly SKColor Gold = new(0xb8, 0x86, 0x0b);

    public static string CategoryName(NominationCategory category, bool vietnamese) => category switch
    {
        NominationCategory.CitizenServices => vietnamese ? "Dịch vụ công trực tuyến tiêu biểu cho người dân" : "Excellent online service for citizens",
        NominationCategory.BusinessServices => vietnamese ? "Dịch vụ công trực tuyến tiêu biểu cho doanh nghiệp" : "Excellent online service for businesses",
        _ => vietnamese ? "Giải pháp cung cấp dịch vụ công trực tuyến tiêu biểu" : "Excellent solution for providing online services",
    };

    public static void Write(PublishedResults campaign, PublishedWinner winner, string unitName, string years, Stream output)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(winner);
        var title = $"Giấy chứng nhận – {winner.ProcedureName}";
        using var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata { Title = title, Creator = "OpenDVC", Producer = "OpenDVC" });
        var page = document.BeginPage(Width, Height);
        using (var frame = new SKPaint { Color = Gold, Style = SKPaintStyle.Stroke, StrokeWidth = 3, IsAntialias = true })
        {
            page.DrawRect(24, 24, Width - 48, Height - 48, frame);
            frame.StrokeWidth = 0.8f;
            page.DrawRect(32, 32, Width - 64, Height - 64, frame);
        }

        var y = 62f;
        void Line(string text, SKTypeface face, float size, SKColor colour, float after = 6)
        {
            using var font = new SKFont(face, size);
            using var paint = new SKPaint { Color = colour, IsAntialias = true };
            foreach (var line in PdfReport.Wrap(text, font, Width - 160))
            {
                y -= font.Metrics.Ascent;
                page.DrawText(line, Width / 2, y, SKTextAlign.Center, font, paint);
                y += font.Metrics.Descent + 2;
            }

            y += after;
        }

        Line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", PdfFonts.Bold, 12, SKColors.Black, 0);
        Line("Độc lập - Tự do - Hạnh phúc", PdfFonts.Bold, 11, SKColors.Black, 22);
        Line("GIẤY CHỨNG NHẬN", PdfFonts.Bold, 34, Red, 0);
        Line("Certificate of honour", PdfFonts.Regular, 11, SKColors.DimGray, 14);
        Line(campaign.Name + (campaign.Letter is null ? "" : $" (Công văn {campaign.Letter})"), PdfFonts.Regular, 12, SKColors.Black, 10);
        Line("Chứng nhận / Awarded to", PdfFonts.Regular, 11, SKColors.DimGray, 2);
        Line(unitName, PdfFonts.Bold, 20, SKColors.Black, 10);
        Line("có dịch vụ / for the service", PdfFonts.Regular, 11, SKColors.DimGray, 2);
        Line($"{winner.ProcedureName} ({winner.ProcedureCode})", PdfFonts.Bold, 16, Red, 10);
        Line($"{CategoryName(winner.Category, vietnamese: true)} năm {years}", PdfFonts.Bold, 13, SKColors.Black, 0);
        Line($"{CategoryName(winner.Category, vietnamese: false)}, {years}", PdfFonts.Regular, 10, SKColors.DimGray, 0);

        using (var font = new SKFont(PdfFonts.Regular, 11))
        using (var bold = new SKFont(PdfFonts.Bold, 11))
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            var day = campaign.AnnouncementDate;
            var right = Width - 170;
            var top = Height - 140;
            page.DrawText(string.Create(CultureInfo.InvariantCulture, $"Hà Nội, ngày {day.Day:00} tháng {day.Month:00} năm {day.Year}"), right, top, SKTextAlign.Center, font, paint);
            page.DrawText(string.Create(CultureInfo.InvariantCulture, $"Announced {day:yyyy-MM-dd}"), right, top + 14, SKTextAlign.Center, font, paint);
            page.DrawText("TM. BAN TỔ CHỨC / FOR THE ORGANISERS", right, top + 32, SKTextAlign.Center, bold, paint);
            page.DrawText("(Ký, ghi rõ họ tên / Signature and full name)", right, top + 46, SKTextAlign.Center, font, paint);
            page.DrawText(string.Create(CultureInfo.InvariantCulture, $"Số / No. {campaign.CampaignId}-{winner.Nomination.Id}"), 60, Height - 60, SKTextAlign.Left, font, paint);
        }

        document.EndPage();
        document.Close();
    }
}
