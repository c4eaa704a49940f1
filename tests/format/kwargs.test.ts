// parseOutputFormatKwargs: template values -> options, with the reference's conversions and
// error texts (all expected strings below were produced by the reference runtime 0.226.2).
import { describe, expect, it } from 'vitest'
import { BamlTemplateError } from '../../core/errors.ts'
import { parseOutputFormatKwargs } from '../../core/format/index.ts'
import { display } from '../../core/template/value.ts'

function errorOf(run: () => unknown): Error {
  try {
    run()
  } catch (e) {
    expect(e).toBeInstanceOf(BamlTemplateError)
    return e as Error
  }
  throw new Error('expected an error')
}

const UNKNOWN =
  "too many arguments: output_format() got an unexpected keyword argument (only 'prefix', 'always_hoist_enums', " +
  "'enum_value_prefix', 'or_splitter', 'hoisted_class_prefix', 'hoist_classes', 'map_style', 'quote_class_fields', " +
  "and 'render_null_as' are allowed)"

describe('parseOutputFormatKwargs', () => {
  it('maps snake_case names to options', () => {
    expect(
      parseOutputFormatKwargs({
        prefix: 'P',
        or_splitter: ' | ',
        enum_value_prefix: '* ',
        always_hoist_enums: true,
        hoisted_class_prefix: 'interface',
        hoist_classes: ['A'],
        map_style: 'object',
        quote_class_fields: true,
        render_null_as: 'None',
      }),
    ).toEqual({
      prefix: 'P',
      orSplitter: ' | ',
      enumValuePrefix: '* ',
      alwaysHoistEnums: true,
      hoistedClassPrefix: 'interface',
      hoistClasses: ['A'],
      mapStyle: 'object',
      quoteClassFields: true,
      renderNullAs: 'None',
    })
  })

  it('leaves absent names undefined and keeps none/undefined as "no value"', () => {
    expect(parseOutputFormatKwargs({})).toEqual({})
    expect(parseOutputFormatKwargs({ prefix: null })).toEqual({ prefix: null })
    expect(parseOutputFormatKwargs({ prefix: undefined })).toEqual({ prefix: null })
    expect(parseOutputFormatKwargs({ enum_value_prefix: null, hoisted_class_prefix: undefined, render_null_as: null })).toEqual({
      enumValuePrefix: null,
      hoistedClassPrefix: null,
      renderNullAs: null,
    })
  })

  it('turns other values into their printed text where a string is expected', () => {
    expect(parseOutputFormatKwargs({ prefix: 1 }).prefix).toBe('1')
    expect(parseOutputFormatKwargs({ prefix: 2.5 }).prefix).toBe('2.5')
    expect(parseOutputFormatKwargs({ prefix: true }).prefix).toBe('true')
    expect(parseOutputFormatKwargs({ prefix: [1, 'a', null, true] }).prefix).toBe('[1, "a", none, true]')
    expect(parseOutputFormatKwargs({ prefix: { k: 'v' } }).prefix).toBe('{"k": "v"}')
    // A plain string kwarg takes none as "none" and an undefined variable as "".
    expect(parseOutputFormatKwargs({ or_splitter: null }).orSplitter).toBe('none')
    expect(parseOutputFormatKwargs({ or_splitter: undefined }).orSplitter).toBe('')
    expect(parseOutputFormatKwargs({ or_splitter: ['x', 'y"z'] }).orSplitter).toBe('["x", "y\\"z"]')
    expect(parseOutputFormatKwargs({ render_null_as: 0 }).renderNullAs).toBe('0')
  })

  it('prints numbers the way the reference does', () => {
    expect(display(0.1)).toBe('0.1')
    expect(display(-7)).toBe('-7')
    expect(display(1e21)).toBe('1000000000000000000000')
    expect(display(1e-7)).toBe('0.0000001')
    expect(display(-2.5e-8)).toBe('-0.000000025')
  })

  it('reads hoist_classes as bool, "auto" or a list of names', () => {
    expect(parseOutputFormatKwargs({ hoist_classes: true }).hoistClasses).toBe(true)
    expect(parseOutputFormatKwargs({ hoist_classes: false }).hoistClasses).toBe('auto')
    expect(parseOutputFormatKwargs({ hoist_classes: 'auto' }).hoistClasses).toBe('auto')
    expect(parseOutputFormatKwargs({ hoist_classes: [] }).hoistClasses).toEqual([])
    expect(parseOutputFormatKwargs({ hoist_classes: ['Node', 1, null, undefined] }).hoistClasses).toEqual(['Node', '1', 'none', ''])
  })

  it('rejects values of the wrong kind with the reference message', () => {
    const boolMsg = (name: string, kind: string) =>
      `syntax error: Invalid value for ${name} (expected bool): invalid operation: cannot convert ${kind} to bool`
    expect(errorOf(() => parseOutputFormatKwargs({ always_hoist_enums: 1 })).message).toBe(boolMsg('always_hoist_enums', 'number'))
    expect(errorOf(() => parseOutputFormatKwargs({ always_hoist_enums: 'true' })).message).toBe(boolMsg('always_hoist_enums', 'string'))
    expect(errorOf(() => parseOutputFormatKwargs({ always_hoist_enums: null })).message).toBe(boolMsg('always_hoist_enums', 'none'))
    expect(errorOf(() => parseOutputFormatKwargs({ always_hoist_enums: undefined })).message).toBe(
      boolMsg('always_hoist_enums', 'undefined'),
    )
    expect(errorOf(() => parseOutputFormatKwargs({ always_hoist_enums: [true] })).message).toBe(boolMsg('always_hoist_enums', 'sequence'))
    expect(errorOf(() => parseOutputFormatKwargs({ quote_class_fields: { a: 1 } })).message).toBe(boolMsg('quote_class_fields', 'map'))

    const hoistMsg =
      'syntax error: Invalid value for hoist_classes (expected one of bool | "auto" | string[]): invalid operation: not iterable'
    for (const v of ['Node', 1, null, undefined, { Node: true }]) {
      expect(errorOf(() => parseOutputFormatKwargs({ hoist_classes: v })).message).toBe(hoistMsg)
    }
    const mapMsg = 'syntax error: Invalid value for map_style (expected one of angle, object): Matching variant not found'
    for (const v of ['curly', null, 1]) expect(errorOf(() => parseOutputFormatKwargs({ map_style: v })).message).toBe(mapMsg)
  })

  it('reports the first bad value in the reference order, before unknown names', () => {
    expect(errorOf(() => parseOutputFormatKwargs({ foo: 1, always_hoist_enums: 1 })).message).toContain('always_hoist_enums')
    expect(errorOf(() => parseOutputFormatKwargs({ quote_class_fields: 1, always_hoist_enums: 2 })).message).toContain(
      'always_hoist_enums',
    )
    expect(errorOf(() => parseOutputFormatKwargs({ map_style: 'x', hoist_classes: 1 })).message).toContain('hoist_classes')
  })

  it('rejects unknown names and positional arguments', () => {
    expect(errorOf(() => parseOutputFormatKwargs({ foo: 1 })).message).toBe(UNKNOWN)
    expect(errorOf(() => parseOutputFormatKwargs({ prefix: 'x', colour: 2 })).message).toBe(UNKNOWN)
    expect(errorOf(() => parseOutputFormatKwargs({}, [1])).message).toBe(
      'too many arguments: output_format() may only be called with named arguments',
    )
  })
})
