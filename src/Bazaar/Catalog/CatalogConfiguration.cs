using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Catalog;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> c)
    {
        c.ToTable("Categories");
        c.Property(x => x.Slug).HasMaxLength(64).IsRequired();
        c.Property(x => x.NameZh).HasMaxLength(50).IsRequired();
        c.Property(x => x.NameEn).HasMaxLength(80).IsRequired();
        c.HasIndex(x => x.Slug).IsUnique();
        c.HasOne<Category>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> p)
    {
        p.ToTable("Products");
        p.Property(x => x.Sku).HasMaxLength(Product.MaxSku).IsRequired();
        p.Property(x => x.NameZh).HasMaxLength(Product.MaxName).IsRequired();
        p.Property(x => x.NameEn).HasMaxLength(Product.MaxName).IsRequired();
        p.Property(x => x.DescriptionZh).HasMaxLength(Product.MaxDescription).IsRequired();
        p.Property(x => x.DescriptionEn).HasMaxLength(Product.MaxDescription).IsRequired();
        p.Property(x => x.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        p.Property(x => x.ImageUrl).HasMaxLength(500);
        p.Property(x => x.SearchText).IsRequired();
        p.HasIndex(x => x.Sku).IsUnique();
        p.HasOne<Category>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        // The storefront's listings: published products of a category, by price or by age.
        p.HasIndex(x => new { x.IsPublished, x.CategoryId, x.Price });
        p.HasIndex(x => new { x.IsPublished, x.CategoryId, x.CreatedAt });
        p.HasIndex(x => new { x.IsPublished, x.Price });
        p.HasIndex(x => new { x.IsPublished, x.CreatedAt });
    }
}

internal sealed class ProductSearchIndex : IPostgresModelConfiguration
{
    public void Configure(ModelBuilder model) =>
        model.Entity<Product>().HasIndex(x => x.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
}
