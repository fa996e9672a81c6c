using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.RecommendationOverview;

/// <summary>The overview's workbook as it is downloaded.</summary>
public sealed record OverviewWorkbook(byte[] Content, string FileName);

/// <summary>
/// Exporting the overview: the workbook of the filtered set, and the audit line that records it (it takes enterprise
/// data out of the portal). An export is a read, not a transition of a record, so it is recorded here, not by an event.
/// </summary>
public sealed class OverviewExport(RecommendationOverviewService overview, AppDbContext db, IAuditTrail audit)
{
    public async Task<OverviewWorkbook> ExportAsync(OverviewFilter filter, CancellationToken ct)
    {
        var (content, fileName, municipal, districtFunded) = await overview.ExportAsync(filter, ct);
        audit.Record(AuditAction.RecommendationOverviewExported, nameof(Recommendation), null,
            detail: $"{await overview.DescribeAsync(filter, ct)}；市级推荐{municipal}家，区级叠加支持{districtFunded}家");
        await db.SaveChangesAsync(ct);
        return new OverviewWorkbook(content, fileName);
    }
}
