using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Upgrades;

namespace ZhiPingQuan.Web.Data.Configurations.Outcomes;

public sealed class FollowUpProjectConfiguration : IEntityTypeConfiguration<FollowUpProject>
{
    public void Configure(EntityTypeBuilder<FollowUpProject> b)
    {
        b.ToTable("FollowUpProjects");
        b.Property(p => p.Name).HasMaxLength(FollowUpProject.MaxNameLength).IsRequired();
        b.Property(p => p.ContractAmountWan).HasPrecision(18, 2);
        b.HasIndex(p => p.UpgradeRecordId);
        b.HasIndex(p => p.Status);
    }
}
