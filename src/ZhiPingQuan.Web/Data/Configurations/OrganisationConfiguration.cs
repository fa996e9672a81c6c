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
        // Lists of one kind by name (agency and unit choices): with the kind first, a page of 10 000 enterprises
        // is not read to find the few agencies.
        b.HasIndex("Discriminator", nameof(Organisation.Name));
        b.HasIndex(o => o.Kind);
    }
}
