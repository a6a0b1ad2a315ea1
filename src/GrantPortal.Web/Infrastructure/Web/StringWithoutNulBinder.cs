using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace GrantPortal.Web.Infrastructure.Web;

/// <summary>
/// Binds strings without U+0000. PostgreSQL's text cannot hold it, so a NUL in a search or a form field (only a crafted
/// request sends one) made the query fail with a server error. Every other character is kept as typed.
/// </summary>
internal sealed class StringWithoutNulBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(string)
            ? new Binder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()))
            : null;

    private sealed class Binder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result is { IsModelSet: true, Model: string value } && value.Contains('\0', StringComparison.Ordinal))
            {
                bindingContext.Result = ModelBindingResult.Success(value.Replace("\0", "", StringComparison.Ordinal));
            }
        }
    }
}
