namespace Omnia.Core.Demo;

/// <summary>A Northwind Outfitters retail store; its POS sends <c>Order Completed</c> with <c>context.channel</c> "store".</summary>
internal sealed record Store(string StoreId, string Name);
