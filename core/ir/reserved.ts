// Names the reference refuses: language keywords as class field names, and naming rules per block.

/** Words that cannot be class field names (BAML keywords plus keywords of target languages). */
export const BAML_KEYWORDS: ReadonlySet<string> = new Set(
  (
    'std this yield emit async await image audio video pdf and and_eq any assert asserts bigint bool box break byte ' +
    'catch chan char char8_t char16_t char32_t class compl const consteval constexpr continue constructor crossinline ' +
    'debugger declare delegate defer do dynamic dyn elif else enum export extends extern false finally fixed float for ' +
    'foreach func function get global go goto implements import in inline instanceof int internal into join keyof lambda ' +
    'lazy let lock long macro module move mut namespace native new nil noexcept nonlocal not not_eq null nullptr or or_eq ' +
    'package params private protected protocol provides public pub readonly ref reflexpr register reinterpret_cast ' +
    'requires return sbyte sealed select self Self set short sizeof some stackalloc static static_assert static_cast ' +
    'strictfp string struct subscript super switch template this thread_local throw throws trait transient transitive ' +
    'true try typedef typealias typeof u16 u32 u64 uint ulong union unsafe unsized unsigned use using var virtual void ' +
    'volatile wchar_t while with xor xor_eq'
  ).split(' '),
)

/** Python keywords: reserved as class field names when a python/pydantic generator exists. */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
)

/** Extra names python clients cannot take as function parameters. */
export const PYTHON_PARAM_NAMES: ReadonlySet<string> = new Set('list dict set tuple int float str bool'.split(' '))

/** Type names that cannot be used as block names. */
export const SCALAR_TYPE_NAMES: ReadonlySet<string> = new Set(['string', 'int', 'float', 'bool', 'null', 'image', 'audio', 'pdf', 'video'])

/** Names of the reference's static scalar types: no block may be called this. */
export const RESERVED_SCALAR_NAMES: ReadonlySet<string> = new Set(['Int', 'BigInt', 'Float', 'Boolean', 'String', 'Json', 'Bytes'])
