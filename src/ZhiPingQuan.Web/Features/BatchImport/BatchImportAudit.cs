using System.Globalization;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.BatchImport;

/// <summary>
/// The audit lines a confirmed import writes, and only here: one per imported row (each record shows its own
/// history, docs/domain.md §5), written in bulk with the rows, and one for the import.
/// <para>
/// An imported recommendation's transitions raise the domain's events like any other (<see cref="EnterpriseRecommended"/>),
/// but a row's history is one line saying it came from the list: <see cref="Row"/> takes the record's pending events —
/// so the save does not dispatch them into lines of their own, and the new records, which the bulk insert writes without
/// the change tracker, do not lose them — and writes that one line in their place, from the state before the row to the
/// state after it. Events that are not an audit line would be lost here, so there must be none.
/// </para>
/// </summary>
internal static class BatchImportAudit
{
    /// <summary>The entry for one imported row (added to the bulk insert by the caller), in place of the record's events.</summary>
    public static AuditEntry Row(IAuditTrail audit, StoredImport stored, BatchRowCheck row, Enterprise enterprise, Recommendation recommendation,
        RecommendationState? before, string batchTitle, IReadOnlyList<TransformationContract> contracts)
    {
        foreach (var domainEvent in recommendation.TakeEvents())
        {
            if (domainEvent is not IAuditedEvent)
            {
                throw new InvalidOperationException($"批量导入不能代为处理领域事件 {domainEvent.GetType().Name}：它不是审计记录。");
            }
        }
        return audit.Describe(AuditAction.RecommendationImported, nameof(Recommendation), recommendation.Id,
            before?.ToChinese(), recommendation.State.ToChinese(),
            $"导入编号{stored.Id:N}；第{row.Row.RowNumber}行；{enterprise.Name}（{enterprise.CreditCode}）；" +
            $"{(row.ExistingEnterpriseId is null ? "新登记企业" : "更新已登记企业")}；{batchTitle}；" +
            $"推荐依据{string.Join("、", row.Bases.Select(b => b.ToNumbered()))}" +
            (contracts.Count > 0 ? $"；改造合同{contracts[0].AmountWanYuan.ToString("0.00", CultureInfo.InvariantCulture)}万元" : string.Empty));
    }

    /// <summary>The entry for the import as a whole (recorded on the context, saved with the changed records).</summary>
    public static void Import(IAuditTrail audit, StoredImport stored, string batchTitle, int rows, int valid, int created, int updated, int newEnterprises, int invalid) =>
        audit.Record(AuditAction.BatchListImported, "BatchImport", stored.Id, null, null,
            $"文件“{stored.FileName}”（SHA-256 {stored.Sha256}）；{batchTitle}；共{rows}行：" +
            $"导入{valid}行（新增推荐{created}、更新推荐{updated}、新登记企业{newEnterprises}），错误{invalid}行未导入。");
}

/// <summary>
/// Confirm found that the database changed since the preview (a code registered or recommended meanwhile …):
/// nothing was written; <see cref="Verdict"/> is the list checked afresh, for the district to look at again.
/// </summary>
public sealed class BatchImportChangedException(BatchImportVerdict verdict, IReadOnlyList<int> rowNumbers)
    : DomainException(
        $"自预览以来，系统中的数据已有变化（例如其他用户登记或推荐了名单中的企业），名单已重新检查：第{string.Join("、", rowNumbers.Take(10))}行{(rowNumbers.Count > 10 ? $"等{rowNumbers.Count}行" : string.Empty)}的结果与预览不同。请核对下方最新的预览后再确认导入。")
{
    public BatchImportVerdict Verdict { get; } = verdict;
}
