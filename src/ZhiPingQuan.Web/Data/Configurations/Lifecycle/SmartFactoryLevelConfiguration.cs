using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Web.Data.Configurations.Lifecycle;

public sealed class SmartFactoryLevelConfiguration : IEntityTypeConfiguration<SmartFactoryLevel>
{
    public void Configure(EntityTypeBuilder<SmartFactoryLevel> b)
    {
        b.ToTable("SmartFactoryLevels");
        b.Property(l => l.Name).HasMaxLength(50).IsRequired();
        b.HasIndex(l => l.Name).IsUnique();
    }
}
