// The template checker's "Did you mean" for unknown variables: the reference's choice (the three
// closest names by OSA distance ≤ 20), memoised per name and budgeted per list of project globals,
// so thousands of unknown names against thousands of globals cannot take seconds.
import { describe, expect, it } from 'vitest'
import { checkTemplate } from '../../core/template/check.ts'

describe('unknown-variable suggestions', () => {
  it('the three closest names, alphabetically', () => {
    const issues = checkTemplate('{{ usr_name }} {{ cnt }}', { variables: ['user_name', 'username', 'count', 'name', 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'] })
    expect(issues.map((i) => i.message)).toEqual([
      'Variable `usr_name` does not exist. Did you mean one of these: `name`, `user_name`, `username`?',
      'Variable `cnt` does not exist. Did you mean one of these: `count`, `name`, `username`?',
    ])
  })

  it('3,000 unknown names against 3,000 globals: all reported, suggestions while the budget lasts', () => {
    const globals = Array.from({ length: 3000 }, (_, i) => `Enum${i}`)
    const src = Array.from({ length: 3000 }, (_, i) => `{{ unknown${i} }}`).join(' ')
    const issues = checkTemplate(src, { variables: ['x'], globals })
    expect(issues.length).toBe(3000)
    expect(issues[0]!.message).toBe('Variable `unknown0` does not exist. Did you mean one of these: `Enum0`, `Enum10`, `Enum20`?')
    expect(issues[2999]!.message).toBe('Variable `unknown2999` does not exist.')
    // the budget belongs to the globals list: another template of the same project has none left
    expect(checkTemplate('{{ unknown0 }}', { variables: ['x'], globals })[0]!.message).toBe('Variable `unknown0` does not exist.')
    // small lists are never cut off
    expect(checkTemplate('{{ usr }}', { variables: ['user'] })[0]!.message).toBe('Variable `usr` does not exist. Did you mean `user`?')
  })
})
