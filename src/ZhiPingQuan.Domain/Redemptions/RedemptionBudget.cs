using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Redemptions;

/// <summary>
/// The running total of a programme year's approved (and paid) redemptions, one row per year (decision 0012). Approving
/// takes this row first (an UPDATE, so concurrent approvers of the year queue behind it) and adds the approved amounts with
/// one conditional UPDATE that matches only while the new total stays within the cap — so the cap holds in the database
/// even if two approvals race. Kept in fen (whole numbers) so the arithmetic is exact in SQL on every provider.
/// </summary>
public sealed class RedemptionBudget : Entity
{
    private RedemptionBudget() { }

    public RedemptionBudget(Guid programmeYearId, Money committed)
    {
        if (programmeYearId == Guid.Empty)
        {
            throw new DomainException("预算缺少项目年度。");
        }
        ProgrammeYearId = programmeYearId;
        CommittedFen = ToFen(committed);
    }

    public Guid ProgrammeYearId { get; private set; }

    /// <summary>Approved plus paid amounts of the year, in fen.</summary>
    public long CommittedFen { get; private set; }

    public Money Committed => FromFen(CommittedFen);

    public static long ToFen(Money amount) => decimal.ToInt64(amount.Yuan * 100m);

    public static Money FromFen(long fen) => new(fen / 100m);
}
