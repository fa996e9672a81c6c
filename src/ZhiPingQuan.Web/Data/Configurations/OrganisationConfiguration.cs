using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Web.Data.Configurations;

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.ToTable("Organisations");
        b.Property(o => o.Name).HasMaxLength(200).IsRequired();
        b.HasIndex(o => o.Name);
        b.HasIndex(o => o.Kind);
    }
}
