using System.Globalization;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Programmes;

// The commission's programme settings (docs/domain.md §3) and a unit's yearly settings (§2): each change is an
// audit line, worded as the programme's pages word it.

/// <summary>How amounts and deadlines of the programme are spelled, in its audit lines and on its pages alike.</summary>
public static class ProgrammeText
{
    public static string Yuan(Money amount) => amount.Yuan.ToString("#,##0.00", CultureInfo.InvariantCulture) + " 元";

    /// <summary>"2023年11月15日（当日24:00截止）": the whole Shanghai day counts.</summary>
    public static string Deadline(DateOnly deadline) => ShanghaiTime.FormatDeadline(deadline);

    public static string Amounts(int year, Money standardAmount, Money? budgetCap) =>
        $"{year}年度，额定标准{Yuan(standardAmount)}，预算上限{(budgetCap is { } cap ? Yuan(cap) : "不设")}";
}

/// <summary>The commission opened a programme year with its standard amount and budget cap.</summary>
public sealed record ProgrammeYearCreated(Guid ProgrammeYearId, int Year, Money StandardAmount, Money? BudgetCap) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.ProgrammeYearCreated, nameof(ProgrammeYear), ProgrammeYearId,
        null, ProgrammeText.Amounts(Year, StandardAmount, BudgetCap));
}

/// <summary>The commission changed a year's standard amount or budget cap.</summary>
public sealed record ProgrammeYearAmountsChanged(
    Guid ProgrammeYearId, int Year, Money StandardAmountBefore, Money? BudgetCapBefore, Money StandardAmount, Money? BudgetCap) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.ProgrammeYearAmountsChanged, nameof(ProgrammeYear), ProgrammeYearId,
        ProgrammeText.Amounts(Year, StandardAmountBefore, BudgetCapBefore), ProgrammeText.Amounts(Year, StandardAmount, BudgetCap));
}

/// <summary>The commission added a batch to a year.</summary>
public sealed record BatchAdded(Guid BatchId, int Year, string Name, DateOnly Deadline) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.BatchAdded, nameof(Batch), BatchId,
        null, $"{Name}，{ProgrammeText.Deadline(Deadline)}", $"{Year}年度");
}

/// <summary>The commission renamed a batch (its deadline stays).</summary>
public sealed record BatchRenamed(Guid BatchId, int Year, string NameBefore, string Name) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.BatchRenamed, nameof(Batch), BatchId, NameBefore, Name, $"{Year}年度");
}

/// <summary>The commission moved a batch's deadline later, with a reason.</summary>
public sealed record DeadlineExtended(Guid BatchId, int Year, string BatchName, DateOnly DeadlineBefore, DateOnly Deadline, string Reason)
    : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.DeadlineExtended, nameof(Batch), BatchId,
        ProgrammeText.Deadline(DeadlineBefore), ProgrammeText.Deadline(Deadline), $"{Year}年度{BatchName}；原因：{Reason}");
}

/// <summary>A district entered its unit's settings for a year for the first time.</summary>
public sealed record UnitSettingsEntered(Guid UnitYearSettingsId, string UnitName, int Year, string Settings) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.UnitSettingsEntered, nameof(UnitYearSettings), UnitYearSettingsId,
        null, Settings, $"{UnitName}，{Year}年度");
}

/// <summary>A district changed its unit's settings for a year.</summary>
public sealed record UnitSettingsChanged(Guid UnitYearSettingsId, string UnitName, int Year, string SettingsBefore, string Settings) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.UnitSettingsChanged, nameof(UnitYearSettings), UnitYearSettingsId,
        SettingsBefore, Settings, $"{UnitName}，{Year}年度");
}
