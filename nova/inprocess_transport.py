"""``inprocess://``: an oslo.messaging driver for services in one process.

The embedded cloud (``nova-all``, the functional tests) runs every service
in one process.  oslo.messaging's ``fake://`` driver serves that, but its
listeners poll their queues every 50 ms, so each cast waits 25 ms on
average before anyone looks at it.  Here a send wakes the listeners of the
queues it fills, so delivery costs a context switch.

Messages cross as JSON (encoded on send, decoded on receipt) as they would
over a broker: nothing the sender keeps is shared with the receiver, and
what could not travel over RabbitMQ fails here too.  Remote exceptions come
back the way the broker drivers return them (``allowed_remote_exmods``).

Queues follow the AMQP drivers: one per (topic, server) for directed
messages, one per (topic, pool) shared by every listener of that pool, a
fanout reaching every server of the topic.  RPC messages wait in their
queue for a listener.  A notification reaches only the topic queues some
listener of this process declared: no consumer can attach from outside the
process, so with nobody listening nothing accumulates.

Every transport of one virtual host (``inprocess:///<vhost>``) in the
process shares one broker; ``cleanup`` forgets it, so the next transport
starts empty.  Registered through the ``oslo.messaging.drivers`` entry
point in ``setup.cfg``.
"""

import collections
import itertools
import queue
import threading
import time

import oslo_messaging as messaging
from oslo_messaging._drivers import base
from oslo_messaging._drivers import common as driver_common
from oslo_serialization import jsonutils

_brokers = {}
_brokers_lock = threading.Lock()


def _broker_for(virtual_host):
    with _brokers_lock:
        broker = _brokers.get(virtual_host)
        if broker is None:
            broker = _brokers[virtual_host] = _Broker()
        return broker


def _forget_broker(virtual_host, broker):
    with _brokers_lock:
        if _brokers.get(virtual_host) is broker:
            del _brokers[virtual_host]


class _Queue(object):
    """Messages waiting, and the listeners to wake when one arrives."""

    __slots__ = ('messages', 'listeners')

    def __init__(self, messages=()):
        self.messages = collections.deque(messages)
        self.listeners = set()


class _Broker(object):
    """The queues of one virtual host; one lock guards them all."""

    def __init__(self):
        self.lock = threading.Lock()
        self._server_queues = {}
        self._topic_queues = {}

    def declare(self, exchange, topic, server=None, pool=None):
        """The queue of a listener's target, created if it is new."""
        with self.lock:
            if server is not None:
                return self._server_queue(exchange, topic, server)
            pools = self._topic_queues.setdefault((exchange, topic), {})
            found = pools.get(pool)
            if found is None:
                # A new pool sees what the default pool has not consumed,
                # as a new AMQP queue bound late would not, but as
                # oslo.messaging's in-memory driver does.
                default = pools.get(None)
                found = pools[pool] = _Queue(default.messages if default
                                             else ())
            return found

    def _server_queue(self, exchange, topic, server):
        key = (exchange, topic, server)
        found = self._server_queues.get(key)
        if found is None:
            found = self._server_queues[key] = _Queue()
        return found

    def _targets(self, exchange, topic, server, fanout, keep):
        if fanout:
            return [q for (ex, tp, _), q in self._server_queues.items()
                    if ex == exchange and tp == topic]
        if server is not None:
            return [self._server_queue(exchange, topic, server)]
        pools = self._topic_queues.get((exchange, topic))
        if pools is None and keep:
            pools = self._topic_queues[(exchange, topic)] = {None: _Queue()}
        return list(pools.values()) if pools else []

    def publish(self, exchange, topic, envelope, server=None, fanout=False,
                keep=True):
        """Queue ``envelope`` and wake whoever listens on its queues.

        ``keep`` False drops a topic message no listener declared a queue
        for (notifications).
        """
        with self.lock:
            for target in self._targets(exchange, topic, server, fanout,
                                        keep):
                target.messages.append(envelope)
                for listener in target.listeners:
                    listener.wakeup.set()


class _Envelope(object):
    """One message on the wire: JSON text plus where its reply goes."""

    __slots__ = ('text', 'reply_to')

    def __init__(self, text, reply_to):
        self.text = text
        self.reply_to = reply_to


class _IncomingMessage(base.RpcIncomingMessage):

    def __init__(self, envelope, requeue):
        ctxt, message = jsonutils.loads(envelope.text)
        super().__init__(ctxt, message)
        self._reply_to = envelope.reply_to
        self._requeue = requeue

    def reply(self, reply=None, failure=None):
        if self._reply_to is None:
            return
        if failure is not None:
            failure = driver_common.serialize_remote_exception(failure)
        self._reply_to.put(jsonutils.dumps({'result': reply,
                                            'failure': failure}))

    def acknowledge(self):
        pass

    def requeue(self):
        self._requeue()

    def heartbeat(self):
        pass


class _Listener(base.PollStyleListener):
    """Waits on its queues; a publish into any of them wakes it."""

    def __init__(self, broker, queues):
        super().__init__()
        self._broker = broker
        self._queues = queues
        self._turn = itertools.cycle(range(len(queues)))
        self._stopped = False
        self.wakeup = threading.Event()
        with broker.lock:
            for listened in queues:
                listened.listeners.add(self)

    def _take(self):
        """The next message of any queue, taking turns; None if empty."""
        for _ in self._queues:
            listened = self._queues[next(self._turn)]
            if listened.messages:
                return listened, listened.messages.popleft()
        return None, None

    @base.batch_poll_helper
    def poll(self, timeout=None):
        deadline = None
        if timeout is not None:
            deadline = time.monotonic() + timeout
        while True:
            with self._broker.lock:
                listened, envelope = self._take()
                if envelope is None:
                    if self._stopped:
                        return None
                    self.wakeup.clear()
            if envelope is not None:
                return _IncomingMessage(
                    envelope, lambda: self._requeue(listened, envelope))
            remaining = None
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
            self.wakeup.wait(remaining)

    def _requeue(self, listened, envelope):
        with self._broker.lock:
            listened.messages.append(envelope)
            for listener in listened.listeners:
                listener.wakeup.set()

    def stop(self):
        with self._broker.lock:
            self._stopped = True
            self.wakeup.set()

    def cleanup(self):
        with self._broker.lock:
            for listened in self._queues:
                listened.listeners.discard(self)


class InProcessDriver(base.BaseDriver):
    """oslo.messaging driver passing JSON between threads of one process."""

    def __init__(self, conf, url, default_exchange=None,
                 allowed_remote_exmods=None):
        super().__init__(conf, url, default_exchange, allowed_remote_exmods)
        self._virtual_host = url.virtual_host or ''
        self._broker = _broker_for(self._virtual_host)

    def require_features(self, requeue=True):
        pass

    def _exchange(self, target):
        return target.exchange or self._default_exchange

    def send(self, target, ctxt, message, wait_for_reply=None, timeout=None,
             call_monitor_timeout=None, retry=None, transport_options=None):
        reply_to = queue.Queue() if wait_for_reply else None
        envelope = _Envelope(jsonutils.dumps((ctxt, message)), reply_to)
        self._broker.publish(self._exchange(target), target.topic, envelope,
                             server=target.server, fanout=target.fanout)
        if reply_to is None:
            return None
        try:
            answer = jsonutils.loads(reply_to.get(timeout=timeout))
        except queue.Empty:
            raise messaging.MessagingTimeout(
                'No reply on topic %s within %s s' % (target.topic, timeout))
        if answer['failure'] is not None:
            raise driver_common.deserialize_remote_exception(
                answer['failure'], self._allowed_remote_exmods)
        return answer['result']

    def send_notification(self, target, ctxt, message, version, retry=None):
        envelope = _Envelope(jsonutils.dumps((ctxt, message)), None)
        self._broker.publish(self._exchange(target), target.topic, envelope,
                             keep=False)

    def listen(self, target, batch_size, batch_timeout):
        exchange = self._exchange(target)
        queues = [self._broker.declare(exchange, target.topic)]
        if target.server is not None:
            queues.append(self._broker.declare(exchange, target.topic,
                                               server=target.server))
        return base.PollStyleListenerAdapter(
            _Listener(self._broker, queues), batch_size, batch_timeout)

    def listen_for_notifications(self, targets_and_priorities, pool,
                                 batch_size, batch_timeout):
        queues = [self._broker.declare(self._exchange(target),
                                       '%s.%s' % (target.topic, priority),
                                       pool=pool)
                  for target, priority in targets_and_priorities]
        return base.PollStyleListenerAdapter(
            _Listener(self._broker, queues), batch_size, batch_timeout)

    def cleanup(self):
        _forget_broker(self._virtual_host, self._broker)
