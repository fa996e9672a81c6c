using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Upgrades;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class UpgradeProblemConfiguration : IEntityTypeConfiguration<UpgradeProblem>
{
    public void Configure(EntityTypeBuilder<UpgradeProblem> b)
    {
        b.ToTable("UpgradeProblems");
        b.Property(p => p.Description).HasMaxLength(UpgradeProblem.MaxDescriptionLength).IsRequired();
        b.HasIndex(p => p.UpgradeRecordId);
    }
}
