# The communes, postcodes and geocoder cache now belong to places (places/0001):
# Django's state only, the tables and their foreign keys stay as they are.

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0004_antenna_receives_public'),
        ('places', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.AlterField(
            model_name='antenna',
            name='commune',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='antennas', to='places.commune', verbose_name='commune'),
        ),
        migrations.RemoveField(
            model_name='postcode',
            name='commune',
        ),
        migrations.DeleteModel(
            name='GeocodedAddress',
        ),
        migrations.AlterField(
            model_name='antenna',
            name='served_communes',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The communes it serves; empty means everyone.', related_name='served_by', to='places.commune', verbose_name='territorial competence'),
        ),
        migrations.DeleteModel(
            name='Commune',
        ),
        migrations.DeleteModel(
            name='Postcode',
        ),
    ])
    ]
