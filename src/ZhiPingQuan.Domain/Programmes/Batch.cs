using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Programmes;

/// <summary>
/// A batch of a programme year (第一批, 第二批…). Its deadline — end of day in Asia/Shanghai — closes both
/// recommendation and the enterprises' applications. The commission may extend it, always on record.
/// </summary>
public sealed class Batch : Entity
{
    private readonly List<DeadlineExtension> _deadlineExtensions = [];

    private Batch() { }

    internal Batch(ProgrammeYear year, string name, int sequence, DateOnly deadline)
    {
        ProgrammeYearId = year.Id;
        ProgrammeYear = year;
        Name = name;
        Sequence = sequence;
        Deadline = deadline;
    }

    public Guid ProgrammeYearId { get; private set; }

    public ProgrammeYear? ProgrammeYear { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>1 for the first batch of the year, 2 for the second…</summary>
    public int Sequence { get; private set; }

    /// <summary>The last Shanghai calendar day on which submissions are accepted.</summary>
    public DateOnly Deadline { get; private set; }

    /// <summary>The original deadline, before any extension.</summary>
    public DateOnly OriginalDeadline => _deadlineExtensions.Count == 0 ? Deadline : _deadlineExtensions.Min(e => e.OldDeadline);

    public IReadOnlyList<DeadlineExtension> DeadlineExtensions => _deadlineExtensions;

    public bool IsOpen(DateTime utcNow) => BatchRules.OpenOn.IsSatisfiedBy(this, ShanghaiTime.Today(utcNow));

    public bool IsOpen(IClock clock) => IsOpen(clock.UtcNow);

    /// <summary>Whole days left (0 on the deadline day, negative once past), for the countdown.</summary>
    public int DaysLeft(IClock clock) => ShanghaiTime.DaysLeft(clock, Deadline);

    /// <summary>"2023年度第一批" (the year when the batch's <see cref="ProgrammeYear"/> is loaded).</summary>
    public string Title => ProgrammeYear is { } year ? $"{year.Year}年度{Name}" : Name;

    /// <summary>
    /// The portal's one refusal after a deadline, for every action a deadline closes (recommending, the batch-list import,
    /// sealing and submitting a summary table): "2023年度第一批的截止日期为2023年11月15日（当日24:00截止），已过截止时间，
    /// 不能推荐企业。如确需推荐企业，请联系市经信委延长截止日期。"
    /// </summary>
    public void EnsureOpen(DateTime utcNow, string action)
    {
        if (!IsOpen(utcNow))
        {
            throw new DomainException(ClosedMessage(Title, Deadline, action));
        }
    }

    /// <summary>
    /// The words of that refusal, also for a record that knows only its batch's deadline (a quota application: "本批次") and
    /// for a page that says it before anyone tries.
    /// </summary>
    public static string ClosedMessage(string batchTitle, DateOnly deadline, string action) =>
        $"{batchTitle}的截止日期为{ShanghaiTime.FormatDeadline(deadline)}，已过截止时间，不能{action}。如确需{action}，请联系市经信委延长截止日期。";

    /// <summary>Called by <see cref="ProgrammeYear.RenameBatch"/>, which checks the name against the year's other batches.</summary>
    internal void Rename(string name) => Name = name;

    /// <summary>
    /// The only way a deadline changes after the batch is created, always with a reason on record. It
    /// moves later only: districts and enterprises plan their work to the published date, so bringing
    /// it forward would take time from people who relied on it — that is refused, not offered.
    /// The batch's <see cref="ProgrammeYear"/> must be loaded: the audit line names the year.
    /// </summary>
    public void ExtendDeadline(DateOnly newDeadline, string reason, string byUserName, DateTime utcNow)
    {
        var year = ProgrammeYear ?? throw new InvalidOperationException("延长截止日期前须加载批次所属的项目年度。");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("延长截止日期必须填写原因。");
        }
        if (string.IsNullOrWhiteSpace(byUserName))
        {
            throw new DomainException("操作人不能为空。");
        }
        if (newDeadline <= Deadline)
        {
            throw new DomainException(
                $"新的截止日期（{ShanghaiTime.FormatDate(newDeadline)}）必须晚于当前截止日期（{ShanghaiTime.FormatDate(Deadline)}）。");
        }
        var extension = new DeadlineExtension(Deadline, newDeadline, reason.Trim(), byUserName.Trim(), utcNow);
        _deadlineExtensions.Add(extension);
        Deadline = newDeadline;
        Raise(new DeadlineExtended(Id, year.Year, Name, extension.OldDeadline, Deadline, extension.Reason));
    }
}

/// <summary>One recorded extension of a batch deadline (never silent: who, when, why).</summary>
public sealed class DeadlineExtension
{
    private DeadlineExtension() { }

    internal DeadlineExtension(DateOnly oldDeadline, DateOnly newDeadline, string reason, string byUserName, DateTime atUtc)
    {
        Id = Guid.CreateVersion7();
        OldDeadline = oldDeadline;
        NewDeadline = newDeadline;
        Reason = reason;
        ByUserName = byUserName;
        AtUtc = atUtc;
    }

    public Guid Id { get; private set; }
    public DateOnly OldDeadline { get; private set; }
    public DateOnly NewDeadline { get; private set; }
    public string Reason { get; private set; } = string.Empty;
    public string ByUserName { get; private set; } = string.Empty;
    public DateTime AtUtc { get; private set; }
}

/// <summary>Named states of a batch (docs/domain.md §3), one definition for queries, pages and code.</summary>
public static class BatchRules
{
    /// <summary>
    /// Still open on the Shanghai calendar day: its deadline (as extended) is that day or later — deadlines end at
    /// the end of their day in Asia/Shanghai.
    /// </summary>
    public static readonly QueryRule<Batch, DateOnly> OpenOn = new((b, shanghaiToday) => b.Deadline >= shanghaiToday);
}
