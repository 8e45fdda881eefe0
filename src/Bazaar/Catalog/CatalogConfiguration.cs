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
        p.Property(x => x.SearchName).IsRequired().HasDefaultValue("");
        p.Property(x => x.SearchBody).IsRequired().HasDefaultValue("");
        p.Property(x => x.UnitsSold).HasDefaultValue(0);
        p.HasIndex(x => x.Sku).IsUnique();
        p.HasOne<Category>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        // The storefront's listings: published products of a category, by price or by age.
        p.HasIndex(x => new { x.IsPublished, x.CategoryId, x.Price });
        p.HasIndex(x => new { x.IsPublished, x.CategoryId, x.CreatedAt });
        p.HasIndex(x => new { x.IsPublished, x.Price });
        p.HasIndex(x => new { x.IsPublished, x.CreatedAt });
        p.HasIndex(x => new { x.IsPublished, x.UnitsSold });
    }
}

internal sealed class ProductSearchIndex : IPostgresModelConfiguration
{
    public void Configure(ModelBuilder model)
    {
        // Operators' substring search (SKU fragments) in the back office.
        model.Entity<Product>().HasIndex(x => x.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
        // The storefront's search: names weigh more than descriptions; PostgreSQL keeps the vector
        // in step with the words on every insert and update, COPY included.
        model.Entity<Product>().Property<NpgsqlTypes.NpgsqlTsVector>(ProductSearch.VectorColumn)
            .HasComputedColumnSql("""setweight(to_tsvector('simple', "SearchName"), 'A') || setweight(to_tsvector('simple', "SearchBody"), 'B')""", stored: true);
        model.Entity<Product>().HasIndex(ProductSearch.VectorColumn).HasMethod("gin");
        // Known words, for typo tolerance (iphnoe → iphone): nearest by trigram distance through a GiST
        // index. PostgreSQL only: SQLite reads its FTS5 table's vocabulary instead.
        model.Entity<SearchWord>(w =>
        {
            w.ToTable("SearchWords");
            w.HasKey(x => x.Word);
            w.Property(x => x.Word).HasMaxLength(SearchWord.MaxLength);
            w.HasIndex(x => x.Word).HasMethod("gist").HasOperators("gist_trgm_ops").HasDatabaseName("IX_SearchWords_Word_trgm");
        });
    }
}

internal sealed class CountedSaleConfiguration : IEntityTypeConfiguration<CountedSale>
{
    public void Configure(EntityTypeBuilder<CountedSale> c)
    {
        c.ToTable("CountedSales");
        c.HasKey(x => x.OrderId);
    }
}

internal sealed class ProductImportConfiguration : IEntityTypeConfiguration<ProductImport>
{
    public void Configure(EntityTypeBuilder<ProductImport> i)
    {
        i.ToTable("ProductImports");
        i.Property(x => x.FileName).HasMaxLength(ProductImport.MaxFileName).IsRequired();
        i.Property(x => x.State).HasMaxLength(16).IsRequired();
        i.Property(x => x.ByName).HasMaxLength(ProductImport.MaxActorName).IsRequired();
        i.Property(x => x.Error).HasMaxLength(ProductImport.MaxError);
        i.Ignore(x => x.By);
        // The worker's question: what is waiting or running, oldest first; and the daily clean-up's.
        i.HasIndex(x => new { x.State, x.QueuedAt });
        i.HasIndex(x => x.FinishedAt);
    }
}

internal sealed class ProductImportFileConfiguration : IEntityTypeConfiguration<ProductImportFile>
{
    public void Configure(EntityTypeBuilder<ProductImportFile> f)
    {
        f.ToTable("ProductImportFiles");
        f.HasKey(x => x.ImportId);
        f.Property(x => x.Content).IsRequired();
        // Forgetting an import forgets its file, whoever deletes it.
        f.HasOne<ProductImport>().WithOne().HasForeignKey<ProductImportFile>(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
