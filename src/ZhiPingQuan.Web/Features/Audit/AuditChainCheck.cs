using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Auditing;

namespace ZhiPingQuan.Web.Features.Audit;

/// <summary>
/// A check of the audit trail's hash chain on demand: the lines still waiting are linked first (so the check covers
/// everything written until now), then the whole chain is walked. The check itself is a line of the trail.
/// </summary>
public sealed class AuditChainCheck(AuditChain chain, AppDbContext db, IAuditTrail audit)
{
    public async Task<AuditChainReport> RunAsync(CancellationToken ct)
    {
        await chain.LinkPendingAsync(ct);
        var report = await chain.VerifyAsync(ct);
        audit.Record(AuditAction.AuditChainVerified, "AuditEntry", report.FirstBroken?.EntryId,
            detail: report.Holds
                ? $"完整：已核验 {report.Linked} 条"
                : $"第 {report.FirstBroken!.Index} 条起断开：{report.FirstBroken.Reason}");
        await db.SaveChangesAsync(ct);
        return report;
    }
}
