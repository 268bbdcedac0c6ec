import { describe, expect, it } from 'vitest';
import { SessionController, type SessionHost } from '../../../src/session/controller';
import { NotebookSession } from '../../../src/session/session';
import { FakeKernel, notebookOf } from './fake-kernel';

class Host implements SessionHost {
  updates = 0;
  controllers: Array<{ hostConnected?(): void; hostDisconnected?(): void }> = [];
  addController(c: { hostConnected?(): void; hostDisconnected?(): void }): void {
    this.controllers.push(c);
  }
  requestUpdate(): void {
    this.updates++;
  }
}

const open = () => new NotebookSession(notebookOf(['a']), new FakeKernel());

describe('SessionController', () => {
  it('registers with its host and asks for an update on every session change', () => {
    const host = new Host();
    const controller = new SessionController(host);
    expect(host.controllers).toEqual([controller]);
    const session = open();
    controller.session = session;
    const before = host.updates;
    session.editCell('a', 'x');
    session.addCell('a');
    expect(host.updates - before).toBe(2);
  });

  it('stops listening to a replaced session, and while the host is disconnected', () => {
    const host = new Host();
    const controller = new SessionController(host);
    const first = open();
    controller.session = first;
    controller.session = open();
    let before = host.updates;
    first.addCell('a');
    expect(host.updates).toBe(before);
    controller.hostDisconnected();
    controller.session!.addCell('a');
    expect(host.updates).toBe(before);
    controller.hostConnected();
    before = host.updates;
    controller.session!.addCell('a');
    expect(host.updates).toBe(before + 1);
  });
});
