using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.SummaryTables;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class SummaryTableConfiguration : IEntityTypeConfiguration<SummaryTable>
{
    /// <summary>The private flag behind "one current revision per unit and batch" (see SummaryTable).</summary>
    internal const string CurrentMarker = "CurrentMarker";

    public void Configure(EntityTypeBuilder<SummaryTable> b)
    {
        b.ToTable("SummaryTables");
        b.Property(t => t.UnitName).HasMaxLength(SummaryTable.MaxNameLength).IsRequired();
        b.Property(t => t.BatchName).HasMaxLength(SummaryTable.MaxNameLength).IsRequired();
        b.Property(t => t.Title).HasMaxLength(SummaryTable.MaxTitleLength).IsRequired();
        b.Property(t => t.CreatedBy).HasMaxLength(SummaryTable.MaxNameLength).IsRequired();
        b.Property(t => t.SealRefusedBy).HasMaxLength(SummaryTable.MaxNameLength);
        b.Property(t => t.SealRefusedByOrganisation).HasMaxLength(SummaryTable.MaxNameLength);
        b.Property(t => t.SealRefusalReason).HasMaxLength(SummaryTable.MaxReasonLength);
        b.Property(t => t.PlatformSignature).HasMaxLength(SummaryTable.MaxSignatureLength).IsUnicode(false);
        b.Property(t => t.SignatureKeyFingerprint).HasMaxLength(SummaryTable.KeyFingerprintLength).IsUnicode(false);
        b.Property(t => t.SubmittedBy).HasMaxLength(OutcomeConverters.PersonLength);
        b.Property(t => t.SubmittedContentHash).HasMaxLength(OutcomeConverters.Sha256HexLength).IsUnicode(false);
        b.Property(t => t.VerificationCode).HasMaxLength(SummaryTable.VerificationCodeLength).IsUnicode(false);
        b.Property(t => t.ReopenedBy).HasMaxLength(OutcomeConverters.PersonLength);
        b.Property(t => t.ReopenReason).HasMaxLength(SummaryTable.MaxReasonLength);
        b.Property<bool?>(CurrentMarker);

        b.Ignore(t => t.ActiveSeals);
        b.Ignore(t => t.DistrictSeal);
        b.Ignore(t => t.ThirdPartySeal);
        b.Ignore(t => t.Heading);
        b.Ignore(t => t.HasOpenRefusal);
        b.Ignore(t => t.Progress);

        // Rows and seals are parts of their revision: removed rows are deleted with it (orphans).
        b.HasMany(t => t.Rows).WithOne().HasForeignKey(r => r.SummaryTableId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Rows).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(t => t.Seals).WithOne().HasForeignKey(s => s.SummaryTableId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Seals).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(t => t.DroppedRows).WithOne().HasForeignKey(d => d.SummaryTableId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.DroppedRows).UsePropertyAccessMode(PropertyAccessMode.Field);

        b.HasOne<SummaryTable>().WithMany().HasForeignKey(t => t.PreviousRevisionId).OnDelete(DeleteBehavior.Restrict);

        b.HasIndex(t => new { t.RecommendingUnitId, t.BatchId, t.Revision }).IsUnique();
        // NULLs do not collide in a unique index (EF adds "IS NOT NULL" as filter on SQL Server), so
        // only the current revisions (marker true) must be unique per unit and batch.
        b.HasIndex(nameof(SummaryTable.RecommendingUnitId), nameof(SummaryTable.BatchId), CurrentMarker)
            .IsUnique()
            .HasDatabaseName("UX_SummaryTables_CurrentRevision");
        b.HasIndex(t => t.VerificationCode).IsUnique();
        b.HasIndex(t => t.BatchId);
        b.HasIndex(t => t.State);
        b.HasIndex(t => t.PreviousRevisionId);
    }
}
