import { useTranslation } from 'react-i18next';

/** The product mark: a house-shaped 管 badge with the product name. */
export function Brand({ compact = false, dark = true }: { compact?: boolean; dark?: boolean }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 10, minWidth: 0 }}>
      <div
        aria-hidden
        style={{
          width: 32,
          height: 32,
          borderRadius: 8,
          background: 'linear-gradient(135deg, #1668dc 0%, #13a8a8 100%)',
          color: '#fff',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          fontWeight: 700,
          fontSize: 17,
          flex: 'none',
          boxShadow: '0 2px 6px rgba(22,104,220,0.35)',
        }}
      >
        管
      </div>
      {compact ? null : (
        <div style={{ lineHeight: 1.15, minWidth: 0, whiteSpace: 'nowrap' }}>
          <div style={{ fontWeight: 600, fontSize: 16, color: dark ? '#fff' : 'rgba(0,0,0,0.88)' }}>
            {t('app.name')}
          </div>
          <div style={{ fontSize: 11, color: dark ? 'rgba(255,255,255,0.55)' : 'rgba(0,0,0,0.45)' }}>
            {t('app.consoleName')}
          </div>
        </div>
      )}
    </div>
  );
}
