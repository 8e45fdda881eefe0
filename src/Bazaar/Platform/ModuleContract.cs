namespace Bazaar.Platform;

/// <summary>
/// Marks a type other modules may use: a module's public service and the records it takes and
/// returns. Everything else in a module (entities, handlers, pages) is its own business;
/// ArchitectureTests fails when another module reaches for it.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface | AttributeTargets.Struct | AttributeTargets.Enum,
    Inherited = false)]
public sealed class ModuleContractAttribute : Attribute;
