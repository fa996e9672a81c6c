using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Programmes;

namespace ZhiPingQuan.Web.Data.Configurations.Lifecycle;

public sealed class BatchConfiguration : IEntityTypeConfiguration<Batch>
{
    public void Configure(EntityTypeBuilder<Batch> b)
    {
        b.ToTable("Batches");
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.HasIndex(x => new { x.ProgrammeYearId, x.Name }).IsUnique();
        b.HasIndex(x => new { x.ProgrammeYearId, x.Sequence }).IsUnique();
        b.Ignore(x => x.OriginalDeadline);

        // Part of the batch: loaded with it, one row per extension.
        b.OwnsMany(x => x.DeadlineExtensions, e =>
        {
            e.ToTable("BatchDeadlineExtensions");
            e.WithOwner().HasForeignKey("BatchId");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Reason).HasMaxLength(500).IsRequired();
            e.Property(x => x.ByUserName).HasMaxLength(100).IsRequired();
        });
        b.Navigation(x => x.DeadlineExtensions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
