import { assignTenants } from '@mtm/shared';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';

const tenants = (count: number): string[] => Array.from({ length: count }, () => uuidv7());
const replicas = (count: number): string[] => Array.from({ length: count }, (_, i) => `replica-${i + 1}`);

function loads(assignment: Map<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const owner of assignment.values()) counts.set(owner, (counts.get(owner) ?? 0) + 1);
  return counts;
}

function moved(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before.keys()].filter((tenant) => before.get(tenant) !== after.get(tenant));
}

describe('assignTenants', () => {
  it('gives every tenant exactly one live owner, the same in every process', () => {
    const t = tenants(50);
    const r = replicas(3);
    const assignment = assignTenants(t, r);
    expect([...assignment.keys()].sort()).to.deep.equal([...t].sort());
    for (const owner of assignment.values()) expect(r).to.include(owner);
    // Order of the inputs does not matter.
    expect(assignTenants([...t].reverse(), [...r].reverse())).to.deep.equal(assignment);
  });

  it('assigns nothing when no replica is live', () => {
    expect(assignTenants(tenants(5), []).size).to.equal(0);
  });

  it('never loads a replica beyond ceil(T/R) × 1.25 + 1', () => {
    for (const [t, r] of [
      [30, 3],
      [31, 4],
      [100, 7],
      [5, 3],
      [1000, 10],
      [2, 5],
    ] as const) {
      for (let trial = 0; trial < 5; trial += 1) {
        const counts = loads(assignTenants(tenants(t), replicas(r)));
        const bound = Math.ceil(t / r) * 1.25 + 1;
        for (const count of counts.values())
          expect(count, `${t} tenants on ${r} replicas`).to.be.at.most(bound);
      }
    }
  });

  it('moves about 1/(R+1) of the tenants when a replica joins, all of them to it', () => {
    const t = tenants(600);
    const before = assignTenants(t, replicas(3));
    const after = assignTenants(t, replicas(4));
    const changed = moved(before, after);
    // Ideal: 600 / 4 = 150. Bounded loads add a little churn at the margins.
    expect(changed.length).to.be.within(100, 200);
    const toNewcomer = changed.filter((tenant) => after.get(tenant) === 'replica-4');
    expect(toNewcomer.length / changed.length).to.be.at.least(0.85);
  });

  it('moves mostly the tenants of a replica that leaves', () => {
    const t = tenants(600);
    const before = assignTenants(t, replicas(4));
    const after = assignTenants(t, replicas(3));
    const changed = moved(before, after);
    const orphaned = [...before.entries()]
      .filter(([, owner]) => owner === 'replica-4')
      .map(([tenant]) => tenant);
    for (const tenant of orphaned) expect(changed).to.include(tenant);
    expect(changed.length - orphaned.length).to.be.at.most(orphaned.length * 0.25);
  });

  it('keeps older tenants where they are when a new tenant is created', () => {
    const t = tenants(100);
    const r = replicas(3);
    const before = assignTenants(t, r);
    const after = assignTenants([...t, uuidv7()], r);
    expect(moved(before, after).length).to.be.at.most(5);
  });
});
