using System.Runtime.InteropServices;
using Bazaar.Platform;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Bazaar.Tests;

/// <summary>
/// The rule: a module is the namespace Bazaar.&lt;Module&gt; (and the Razor views under /&lt;Module&gt;/).
/// A type in one module may use a type of another module only if that type, or a type it is nested
/// in, carries [ModuleContract]. Entities, handlers and pages stay their module's own business.
/// The check reads the compiled IL, so every use counts: signatures, fields, locals, calls, generic
/// arguments, attributes, lambdas and async state machines. Constants are the one blind spot: the
/// compiler copies their values, so `Roles.Admin` in an attribute leaves no trace in IL.
/// </summary>
public sealed class ArchitectureTests
{
    public static readonly string[] Modules = ["Accounts", "Catalog", "Inventory", "Cart", "Ordering", "Payments", "Shipping", "Notifications", "Admin", "FlashSales"];

    private static readonly Lazy<ModuleScan> Shop = new(() => ModuleScan.Run(typeof(Program).Assembly.Location, "Bazaar"));

    [Fact]
    public void A_module_uses_another_modules_types_only_through_its_contracts()
    {
        var offenders = Shop.Value.Violations;

        Assert.True(offenders.Count == 0,
            "Modules reach into other modules' types that are not marked [ModuleContract]:\n  " + string.Join("\n  ", offenders));
    }

    [Fact]
    public void The_scan_sees_the_contracts_the_modules_use_today()
    {
        // Guards against a scan that passes because it saw nothing.
        var allowed = Shop.Value.ContractUses;

        Assert.Contains("Bazaar.Catalog.BrowseProducts -> Bazaar.Inventory.IInventory", allowed);
        Assert.Contains("Bazaar.Catalog.GetProduct -> Bazaar.Inventory.StockSnapshot", allowed);
        Assert.Contains("Bazaar.Catalog.BulkSeedProducts -> Bazaar.Inventory.NewStock", allowed);
        Assert.Contains(allowed, u => u.StartsWith("Bazaar.Catalog.Pages.Admin.ProductEditModel -> Bazaar.Inventory.", StringComparison.Ordinal));
        // The dashboard asks each module for its own figures.
        Assert.Contains("Bazaar.Admin.ViewDashboard -> Bazaar.Ordering.IOrderFigures", allowed);
        Assert.Contains("Bazaar.Admin.ViewDashboard -> Bazaar.Payments.IPayments", allowed);
        Assert.Contains("Bazaar.Admin.ViewDashboard -> Bazaar.Inventory.IInventory", allowed);
        Assert.Contains("Bazaar.Admin.ViewDashboard -> Bazaar.Catalog.ICatalog", allowed);
        // A flash sale holds its units through Inventory and places ordinary orders through Ordering.
        Assert.Contains("Bazaar.FlashSales.CreateFlashSale -> Bazaar.Inventory.IInventory", allowed);
        Assert.Contains("Bazaar.FlashSales.SellFlashUnit -> Bazaar.Ordering.IOrders", allowed);
    }

    [Fact]
    public void Payments_Shipping_and_Inventory_never_call_Ordering_they_raise_events_it_handles()
    {
        var uses = Shop.Value.ContractUses.Concat(Shop.Value.Violations).ToList();
        var upstream = uses.Where(u => u.StartsWith("Bazaar.Payments.", StringComparison.Ordinal)
                                       || u.StartsWith("Bazaar.Shipping.", StringComparison.Ordinal)
                                       || u.StartsWith("Bazaar.Inventory.", StringComparison.Ordinal))
            .Where(u => u.Contains(" -> Bazaar.Ordering.", StringComparison.Ordinal)).ToList();

        Assert.True(upstream.Count == 0, "These reach back into Ordering:\n  " + string.Join("\n  ", upstream));
        // The other direction is how it is meant to be, and the scan sees it.
        Assert.Contains("Bazaar.Ordering.PayOrder -> Bazaar.Payments.IPayments", uses);
        Assert.Contains("Bazaar.Ordering.ShipOrder -> Bazaar.Shipping.IShipping", uses);
        Assert.Contains(uses, u => u.StartsWith("Bazaar.Ordering.MarkOrderDelivered -> Bazaar.Shipping.ShipmentDelivered", StringComparison.Ordinal));
    }

    [Fact]
    public void Razor_views_belong_to_the_module_whose_folder_holds_them()
    {
        var views = Shop.Value.ViewModules;

        Assert.Equal("Catalog", views["/Catalog/Pages/Product.cshtml"]);
        Assert.Equal("Accounts", views["/Accounts/Pages/Login.cshtml"]);
    }

    [Fact]
    public void Contracts_are_public_and_live_in_a_module()
    {
        var contracts = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(ModuleContractAttribute), false).Length > 0).ToList();

        Assert.Contains(typeof(Bazaar.Inventory.IInventory), contracts);
        Assert.All(contracts, t =>
        {
            Assert.True(t.IsPublic || t.IsNestedPublic, $"{t} is a contract, so other modules must be able to see it");
            Assert.Contains(t.Namespace!.Split('.').ElementAtOrDefault(1), Modules);
        });
    }

    [Fact]
    public void The_scan_flags_a_module_reaching_into_another_modules_internals()
    {
        // Samples compiled into this test assembly: a Catalog that uses Inventory's contract, and
        // some that reach past it in the ways real code would.
        var scan = ModuleScan.Run(typeof(ArchitectureTests).Assembly.Location, "Bazaar.Tests.ArchitectureSamples");
        const string ns = "Bazaar.Tests.ArchitectureSamples";

        string[] expected =
        [
            $"{ns}.Catalog.ReachesInThroughAGenericArgument -> {ns}.Inventory.StockRow",
            $"{ns}.Catalog.ReachesInThroughALambda -> {ns}.Inventory.StockRow",
            $"{ns}.Catalog.ReachesInThroughANestedType -> {ns}.Inventory.StockRow",
            $"{ns}.Catalog.ReachesInThroughAnAsyncMethod -> {ns}.Inventory.StockRow",
            $"{ns}.Catalog.ReachesInThroughAnAttribute -> {ns}.Inventory.StockRow",
            $"{ns}.Catalog.ReachesInThroughASignature -> {ns}.Inventory.StockRow",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), scan.Violations.Select(v => v.Split(" (")[0]));
        Assert.Contains($"{ns}.Catalog.UsesTheContract -> {ns}.Inventory.IStock", scan.ContractUses);
        Assert.Contains($"{ns}.Catalog.UsesTheContract -> {ns}.Inventory.IStock+Level", scan.ContractUses);
    }
}

/// <summary>Every type-to-type use across modules in one compiled assembly, split into allowed and not.</summary>
public sealed class ModuleScan
{
    public List<string> Violations { get; } = [];
    public List<string> ContractUses { get; } = [];
    public Dictionary<string, string> ViewModules { get; } = [];

    private const string ContractAttribute = "Bazaar.Platform.ModuleContractAttribute";
    private readonly string _root;
    private readonly ModuleDefinition _module;
    private readonly Dictionary<string, TypeDefinition> _types;
    private readonly Dictionary<string, string> _viewTypeModules = [];

    private ModuleScan(ModuleDefinition module, string root)
    {
        _module = module;
        _root = root;
        _types = module.GetTypes().ToDictionary(t => t.FullName);
    }

    public static ModuleScan Run(string assemblyPath, string root)
    {
        using var resolver = new DefaultAssemblyResolver();
        // Attribute arguments of enum type need their assembly to be read: the runtime, ASP.NET and the bin folder.
        resolver.AddSearchDirectory(Path.GetDirectoryName(assemblyPath)!);
        resolver.AddSearchDirectory(RuntimeEnvironment.GetRuntimeDirectory());
        resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location)!);
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath, new ReaderParameters { AssemblyResolver = resolver });
        var scan = new ModuleScan(assembly.MainModule, root);
        scan.MapRazorViews(assembly);
        scan.Check();
        return scan;
    }

    private void MapRazorViews(AssemblyDefinition assembly)
    {
        foreach (var a in assembly.CustomAttributes.Where(a => a.AttributeType.Name == "RazorCompiledItemAttribute"))
        {
            if (a.ConstructorArguments is not [{ Value: TypeReference view }, _, { Value: string path }])
                continue;
            var folder = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (ArchitectureTests.Modules.Contains(folder))
            {
                _viewTypeModules[view.FullName] = folder!;
                ViewModules[path] = folder!;
            }
        }
    }

    private static TypeDefinition Outermost(TypeDefinition t)
    {
        while (t.DeclaringType is not null)
            t = t.DeclaringType;
        return t;
    }

    private string? ModuleOf(TypeDefinition type)
    {
        var outer = Outermost(type);
        if (_viewTypeModules.TryGetValue(outer.FullName, out var view))
            return view;
        var prefix = _root + ".";
        if (!outer.Namespace.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        var first = outer.Namespace[prefix.Length..].Split('.')[0];
        return ArchitectureTests.Modules.Contains(first) ? first : null;
    }

    private static bool IsContract(TypeDefinition type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
            if (t.CustomAttributes.Any(a => a.AttributeType.FullName == ContractAttribute))
                return true;
        return false;
    }

    private static string Name(TypeReference t) => t.FullName.Replace('/', '+');

    private void Check()
    {
        var seen = new HashSet<(string, string)>();
        foreach (var type in _module.GetTypes())
        {
            var owner = Outermost(type);
            var from = ModuleOf(owner);
            if (from is null)
                continue;
            foreach (var used in UsesOf(type).SelectMany(Expand).Select(Definition).OfType<TypeDefinition>())
            {
                var to = ModuleOf(used);
                if (to is null || to == from || !seen.Add((owner.FullName, used.FullName)))
                    continue;
                var line = $"{Name(owner)} -> {Name(used)}";
                if (IsContract(used))
                    ContractUses.Add(line);
                else
                    Violations.Add($"{line} ({from} uses {to}'s own type)");
            }
        }
        Violations.Sort(StringComparer.Ordinal);
    }

    /// <summary>Only types defined in the scanned assembly can belong to a module.</summary>
    private TypeDefinition? Definition(TypeReference t) =>
        t.Scope == _module || t is TypeDefinition ? _types.GetValueOrDefault(t.FullName) : null;

    /// <summary>A constructed type down to the named types it is built from: List&lt;StockRow[]&gt; gives List`1 and StockRow.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference? t)
    {
        switch (t)
        {
            case null or GenericParameter:
                yield break;
            case GenericInstanceType g:
                foreach (var x in Expand(g.ElementType).Concat(g.GenericArguments.SelectMany(Expand)))
                    yield return x;
                yield break;
            case FunctionPointerType f:
                foreach (var x in Expand(f.ReturnType).Concat(f.Parameters.SelectMany(p => Expand(p.ParameterType))))
                    yield return x;
                yield break;
            case TypeSpecification s:
                foreach (var x in Expand(s.ElementType))
                    yield return x;
                yield break;
            default:
                yield return t;
                yield break;
        }
    }

    private static IEnumerable<TypeReference> UsesOf(TypeDefinition type)
    {
        if (type.BaseType is { } b)
            yield return b;
        foreach (var i in type.Interfaces)
            yield return i.InterfaceType;
        foreach (var t in Attributes(type).Concat(GenericConstraints(type)))
            yield return t;
        foreach (var f in type.Fields)
        {
            yield return f.FieldType;
            foreach (var t in Attributes(f)) yield return t;
        }
        foreach (var p in type.Properties)
        {
            yield return p.PropertyType;
            foreach (var t in Attributes(p)) yield return t;
        }
        foreach (var e in type.Events)
            yield return e.EventType;
        foreach (var m in type.Methods)
            foreach (var t in UsesOf(m))
                yield return t;
    }

    private static IEnumerable<TypeReference> UsesOf(MethodDefinition m)
    {
        foreach (var t in Signature(m).Concat(Attributes(m)).Concat(Attributes(m.MethodReturnType)).Concat(GenericConstraints(m)))
            yield return t;
        foreach (var p in m.Parameters)
            foreach (var t in Attributes(p))
                yield return t;
        foreach (var o in m.Overrides)
            foreach (var t in Signature(o))
                yield return t;
        if (!m.HasBody)
            yield break;
        foreach (var v in m.Body.Variables)
            yield return v.VariableType;
        foreach (var h in m.Body.ExceptionHandlers)
            if (h.CatchType is { } c)
                yield return c;
        foreach (var instruction in m.Body.Instructions)
            foreach (var t in Operand(instruction))
                yield return t;
    }

    private static IEnumerable<TypeReference> Operand(Instruction i) => i.Operand switch
    {
        TypeReference t => [t],
        MethodReference r => Signature(r),
        FieldReference f => [f.DeclaringType, f.FieldType],
        _ => [],
    };

    private static IEnumerable<TypeReference> Signature(MethodReference m)
    {
        yield return m.DeclaringType;
        yield return m.ReturnType;
        foreach (var p in m.Parameters)
            yield return p.ParameterType;
        if (m is GenericInstanceMethod g)
            foreach (var a in g.GenericArguments)
                yield return a;
    }

    private static IEnumerable<TypeReference> GenericConstraints(IGenericParameterProvider p) =>
        p.GenericParameters.SelectMany(g => g.Constraints.Select(c => c.ConstraintType));

    private static IEnumerable<TypeReference> Attributes(ICustomAttributeProvider provider)
    {
        foreach (var a in provider.CustomAttributes)
        {
            yield return a.AttributeType;
            IEnumerable<CustomAttributeArgument> arguments;
            try
            {
                arguments = a.ConstructorArguments.Concat(a.Fields.Select(f => f.Argument)).Concat(a.Properties.Select(p => p.Argument)).ToList();
            }
            catch (AssemblyResolutionException)
            {
                arguments = []; // an enum from an assembly we cannot read; it cannot hold a typeof() of ours
            }
            foreach (var t in arguments.SelectMany(TypesIn))
                yield return t;
        }
    }

    /// <summary>typeof(X) in an attribute argument, also inside arrays and boxed object arguments.</summary>
    private static IEnumerable<TypeReference> TypesIn(CustomAttributeArgument argument) => argument.Value switch
    {
        TypeReference t => [t],
        CustomAttributeArgument inner => TypesIn(inner),
        CustomAttributeArgument[] many => many.SelectMany(TypesIn),
        _ => [],
    };
}
