/** The notification centre: the bell in the header and the list of notifications. */
export const notificationsRu = {
  'notifications.title': 'Уведомления',
  'notifications.bell': 'Уведомления',
  'notifications.unread': 'Непрочитанных уведомлений: {count}',
  'notifications.intro': 'Что произошло и что ждёт вашего действия. Уведомление отмечается прочитанным, когда вы его открываете.',
  'notifications.none': 'Уведомлений пока нет. Здесь появятся оценки ваших навыков, просьбы проверить навык и новые версии документов.',
  'notifications.markAll': 'Отметить все прочитанными',
  'notifications.markedAll': 'Все уведомления отмечены прочитанными.',
  'notifications.new': 'Новое',
  'notifications.gone': 'Этого уведомления нет: возможно, ссылка устарела.',
  'notifications.verdict.passed': '{actor} зачёл навык «{item}»',
  'notifications.verdict.needs-work': '{actor}: навык «{item}» нужно доработать',
  'notifications.request': '{trainee} просит проверить навык «{item}»',
  'notifications.docVersion': 'Документ «{doc}», версия {version}: прочитайте и подтвердите',
  'notifications.someone': 'Сотрудник',
};

export const notificationsEn: Record<keyof typeof notificationsRu, string> = {
  'notifications.title': 'Notifications',
  'notifications.bell': 'Notifications',
  'notifications.unread': 'Unread notifications: {count}',
  'notifications.intro': 'What happened and what waits for you to act. A notification is marked read when you open it.',
  'notifications.none': 'No notifications yet. Verdicts on your skills, requests to watch a skill and new document versions will appear here.',
  'notifications.markAll': 'Mark all as read',
  'notifications.markedAll': 'All notifications are marked as read.',
  'notifications.new': 'New',
  'notifications.gone': 'There is no such notification: the link may be out of date.',
  'notifications.verdict.passed': '{actor} passed your skill “{item}”',
  'notifications.verdict.needs-work': '{actor}: your skill “{item}” needs work',
  'notifications.request': '{trainee} asks you to watch the skill “{item}”',
  'notifications.docVersion': 'Document “{doc}”, version {version}: read and confirm it',
  'notifications.someone': 'A colleague',
};
